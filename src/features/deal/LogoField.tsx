import { useId, useState, type ChangeEvent } from 'react';
import { LOGO_MAX_BYTES, LOGO_MAX_SIDE } from '../../engine/index';
import { scenarioStore, useScenarioStore } from '../../state/app-store';

/**
 * The brand's logo: a PNG or JPEG of at most 512 KB and 4096 × 4096 pixels, checked by
 * its content, its header, the scenario schema and a decoding by the browser before it
 * reaches the store; a refused file leaves the logo there was. Setting and removing it
 * are undoable.
 */
export function LogoField() {
  const logo = useScenarioStore((s) => s.scenario.brand.logo);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  const setLogo = (next: string | null) =>
    scenarioStore
      .getState()
      .edit((s) => (s.brand.logo === next ? s : { ...s, brand: { ...s.brand, logo: next } }));

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    // refuse a huge file before reading it
    if (file.size > LOGO_MAX_BYTES * 2) {
      setError(`"${file.name}" is far over ${LOGO_MAX_BYTES / 1024} KB; choose a smaller image.`);
      input.value = '';
      return;
    }
    setBusy(true);
    try {
      // the checks (header, size, a decoding by the browser) load when a file is chosen
      const { checkLogo } = await import('./logo');
      const checked = await checkLogo(new Uint8Array(await file.arrayBuffer()), file.name);
      if (checked.ok) {
        setLogo(checked.dataUrl);
        setError(null);
      } else {
        setError(checked.message);
      }
    } catch {
      setError(`"${file.name}" could not be read; try saving it again.`);
    } finally {
      setBusy(false);
      input.value = ''; // choosing the same file again is a new choice
    }
  };

  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>Logo</label>
      <p id={hintId} className="field-hint">
        PNG or JPEG, at most {LOGO_MAX_BYTES / 1024} KB and {LOGO_MAX_SIDE} × {LOGO_MAX_SIDE}{' '}
        pixels; printed on the proposals.
      </p>
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg"
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
        aria-invalid={error !== null}
        data-field="brand.logo"
        disabled={busy}
        onChange={(e) => void onFile(e)}
      />
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {logo ? (
        <div className="logo-preview">
          <img src={logo} alt="The brand's logo" />
          <button type="button" onClick={() => setLogo(null)}>
            Remove logo
          </button>
        </div>
      ) : (
        <p className="field-hint">No logo yet.</p>
      )}
    </div>
  );
}
