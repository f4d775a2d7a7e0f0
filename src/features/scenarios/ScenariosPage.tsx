import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import type { SchemaProblem } from '../../engine/index';
import { plainSchemaMessage, whereOf } from '../../reports/issue-text';
import { scenarioStore, useScenario } from '../../state/app-store';
import {
  libraryStore,
  useLibrary,
  useLibraryState,
  type DamagedEntry,
  type LibraryEntry,
} from '../../state/library';
import {
  parseScenarioDocument,
  SCENARIO_MAX_CHARS,
  scenarioFileName,
  serializeScenario,
} from '../../state/scenario-io';
import { makeShareLink } from '../../state/share-link';
import { downloadText } from '../../components/download';

const lib = () => libraryStore.getState();

function formatSavedAt(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * What an action on the page did. A library change is said as done only while storage holds
 * it: while the entry is listed in the library's `unsaved`, `notSaved` is shown instead, and
 * the line turns to `done` by itself once a later write succeeds (issue 11: every message true
 * at the moment it is shown).
 */
interface Status {
  readonly done: string;
  readonly entryId?: string;
  readonly notSaved?: string;
}

type OnDone = (status: Status | string) => void;

const IN_THIS_TAB_ONLY = 'the library could not be saved in this browser';

function StatusLine({ status }: { status: Status | null }) {
  const unsaved = useLibraryState((s) => s.unsaved);
  const text =
    status === null
      ? ''
      : status.entryId !== undefined &&
          status.notSaved !== undefined &&
          unsaved.includes(status.entryId)
        ? status.notSaved
        : status.done;
  return (
    <p role="status" aria-live="polite" className="muted">
      {text}
    </p>
  );
}

/** The scenario library, scenario JSON files and share links (PRODUCT.md, "Scenarios"). */
export function ScenariosPage(_props: { query: string }) {
  const [status, setStatusState] = useState<Status | null>(null);
  const setStatus: OnDone = (next) =>
    setStatusState(typeof next === 'string' ? { done: next } : next);
  return (
    <div className="scenarios-page">
      <StatusLine status={status} />
      <LibraryMessages />
      <SaveCurrent onDone={setStatus} />
      <LibraryList onDone={setStatus} />
      <DamagedEntries />
      <ScenarioFiles onDone={setStatus} />
      <ShareLink />
    </div>
  );
}

function LibraryMessages() {
  const message = useLibraryState((s) => s.message);
  const entries = useLibrary();
  if (!message) return null;
  const entry = message.kind === 'not-saved' ? entries.find((e) => e.id === message.entryId) : null;
  return (
    <div role="alert" className="notice">
      <p>{message.message}</p>
      <div className="button-row">
        {message.kind === 'not-saved' ? (
          entry ? (
            <button
              type="button"
              onClick={() =>
                downloadText(scenarioFileName(entry.scenario), serializeScenario(entry.scenario))
              }
            >
              Download “{entry.name}” as JSON
            </button>
          ) : (
            <button
              type="button"
              onClick={() =>
                downloadText('scenario-library.json', `${JSON.stringify(lib().entries, null, 2)}\n`)
              }
            >
              Download the library as JSON
            </button>
          )
        ) : null}
        <button type="button" onClick={() => lib().dismissMessage()}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

function SaveCurrent({ onDone }: { onDone: OnDone }) {
  const scenario = useScenario();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const id = useId();
  const start = () => {
    setName(scenario.title);
    setNaming(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const entry = lib().saveCurrentAs(name);
    setNaming(false);
    onDone({
      entryId: entry.id,
      done: `Saved “${entry.name}” in the library.`,
      notSaved: `“${entry.name}” is in the library in this tab only: it could not be saved in this browser.`,
    });
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Open scenario</h3>
      <p>
        <strong>{scenario.title || 'Untitled scenario'}</strong>{' '}
        <span className="muted">
          ({scenario.customers.length} customer line{scenario.customers.length === 1 ? '' : 's'},
          price table {scenario.priceTable.product} · {scenario.priceTable.currency} ·{' '}
          {scenario.priceTable.version})
        </span>
      </p>
      {naming ? (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-name`}>Name in the library</label>
            <NameInput
              id={`${id}-name`}
              value={name}
              onChange={setName}
              onEscape={() => setNaming(false)}
            />
          </div>
          <div className="button-row">
            <button type="submit">Save</button>
            <button type="button" onClick={() => setNaming(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" onClick={start}>
            Save current as…
          </button>
        </div>
      )}
    </section>
  );
}

function LibraryList({ onDone }: { onDone: OnDone }) {
  const entries = useLibrary();
  const lastDeleted = useLibraryState((s) => s.lastDeleted);
  const unsaved = useLibraryState((s) => s.unsaved);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Library</h3>
      {lastDeleted ? (
        <div role="status" className="notice">
          <p>
            {unsaved.includes(lastDeleted.entry.id)
              ? `“${lastDeleted.entry.name}” is deleted in this tab only: ${IN_THIS_TAB_ONLY}, which still holds it.`
              : `Deleted “${lastDeleted.entry.name}”.`}
          </p>
          <div className="button-row">
            <button
              type="button"
              onClick={() => {
                lib().undoDelete();
                onDone({
                  entryId: lastDeleted.entry.id,
                  done: `Restored “${lastDeleted.entry.name}”.`,
                  notSaved: `“${lastDeleted.entry.name}” is back in this tab only: ${IN_THIS_TAB_ONLY}.`,
                });
              }}
            >
              Undo delete
            </button>
          </div>
        </div>
      ) : null}
      {entries.length === 0 ? (
        <p className="muted">No saved scenarios yet. Save the open one to keep a named copy.</p>
      ) : (
        <table className="library-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Saved</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <LibraryRow key={entry.id} entry={entry} onDone={onDone} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A name field that takes the focus when it appears; Escape cancels. */
function NameInput(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onEscape: () => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  return (
    <input
      ref={ref}
      id={props.id}
      value={props.value}
      maxLength={200}
      onChange={(e) => props.onChange(e.target.value)}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onEscape();
        }
      }}
    />
  );
}

function LibraryRow({ entry, onDone }: { entry: LibraryEntry; onDone: OnDone }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(entry.name);
  const id = useId();
  const renameButton = useRef<HTMLButtonElement>(null);
  const finish = () => {
    setRenaming(false);
    // back to the button that started it, for keyboard users
    setTimeout(() => renameButton.current?.focus(), 0);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const before = lib().entries.find((e) => e.id === entry.id)?.name;
    lib().rename(entry.id, name);
    finish();
    const after = lib().entries.find((e) => e.id === entry.id)?.name ?? name;
    if (after === before) return; // nothing changed, nothing to say
    onDone({
      entryId: entry.id,
      done: `Renamed to “${after}”.`,
      notSaved: `Renamed to “${after}” in this tab only: ${IN_THIS_TAB_ONLY}.`,
    });
  };
  return (
    <tr>
      <td>
        {renaming ? (
          <form onSubmit={submit} className="library-rename">
            <label htmlFor={`${id}-rename`}>New name for “{entry.name}”</label>
            <NameInput id={`${id}-rename`} value={name} onChange={setName} onEscape={finish} />
            <button type="submit">Save name</button>
            <button type="button" onClick={finish}>
              Cancel
            </button>
          </form>
        ) : (
          entry.name
        )}
      </td>
      <td>
        <time dateTime={entry.savedAt}>{formatSavedAt(entry.savedAt)}</time>
      </td>
      <td>
        <div className="button-row library-actions">
          <button
            type="button"
            aria-label={`Open “${entry.name}”`}
            onClick={() => {
              lib().open(entry.id);
              onDone(
                `Opened “${entry.name}”. Undo (Ctrl+Z) brings back the scenario that was open.`,
              );
            }}
          >
            Open
          </button>
          <button
            type="button"
            aria-label={`Save the open scenario over “${entry.name}”`}
            onClick={() => {
              lib().update(entry.id);
              onDone({
                entryId: entry.id,
                done: `Saved the open scenario over “${entry.name}”.`,
                notSaved: `The open scenario is saved over “${entry.name}” in this tab only: ${IN_THIS_TAB_ONLY}.`,
              });
            }}
          >
            Update
          </button>
          <button
            type="button"
            aria-label={`Duplicate “${entry.name}”`}
            onClick={() => {
              const copy = lib().duplicate(entry.id);
              if (copy) {
                onDone({
                  entryId: copy.id,
                  done: `Made “${copy.name}”.`,
                  notSaved: `Made “${copy.name}” in this tab only: ${IN_THIS_TAB_ONLY}.`,
                });
              }
            }}
          >
            Duplicate
          </button>
          <button
            type="button"
            ref={renameButton}
            aria-label={`Rename “${entry.name}”`}
            onClick={() => {
              setName(entry.name);
              setRenaming(true);
            }}
          >
            Rename
          </button>
          <button
            type="button"
            aria-label={`Delete “${entry.name}”`}
            onClick={() => {
              lib().remove(entry.id);
              onDone({
                entryId: entry.id,
                done: `Deleted “${entry.name}”.`,
                notSaved: `“${entry.name}” is deleted in this tab only: ${IN_THIS_TAB_ONLY}, which still holds it.`,
              });
            }}
          >
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

function DamagedEntries() {
  const damaged = useLibraryState((s) => s.damaged);
  const id = useId();
  if (damaged.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Saved scenarios that could not be opened</h3>
      <ul>
        {damaged.map((d) => (
          <DamagedItem key={d.id} entry={d} />
        ))}
      </ul>
    </section>
  );
}

function DamagedItem({ entry }: { entry: DamagedEntry }) {
  const label = entry.name ?? 'The saved library';
  return (
    <li>
      <strong>{label}</strong>
      <ProblemList problems={entry.problems} />
      <div className="button-row">
        <button type="button" onClick={() => downloadText('scenario-recovered.json', entry.raw)}>
          Download “{label}” as it was saved
        </button>
        <button type="button" onClick={() => lib().discardDamaged(entry.id)}>
          Discard “{label}”
        </button>
      </div>
    </li>
  );
}

function ProblemList({ problems }: { problems: readonly SchemaProblem[] }) {
  const shown = problems.slice(0, 50);
  return (
    <ul>
      {shown.map((p, i) => (
        <li key={`${p.path}-${i}`}>
          {/* the file's place in the screens' words (issue-text.ts), not its JSON path */}
          {p.path ? whereOf(p.path, null) : 'The document'}: {plainSchemaMessage(p.message)}
        </li>
      ))}
      {problems.length > shown.length ? <li>and {problems.length - shown.length} more</li> : null}
    </ul>
  );
}

function ScenarioFiles({ onDone }: { onDone: (message: string) => void }) {
  const [problems, setProblems] = useState<{ file: string; list: readonly SchemaProblem[] } | null>(
    null,
  );
  const id = useId();
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file can be chosen again after fixing it
    if (!file) return;
    let text: string;
    if (file.size > SCENARIO_MAX_CHARS * 4) {
      setProblems({
        file: file.name,
        list: [{ path: '', message: 'the file is too large to be a scenario' }],
      });
      return;
    }
    try {
      text = await file.text();
    } catch (e) {
      setProblems({
        file: file.name,
        list: [{ path: '', message: `the file could not be read (${String(e)})` }],
      });
      return;
    }
    const opened = parseScenarioDocument(text);
    if (!opened.ok) {
      setProblems({ file: file.name, list: opened.problems });
      return;
    }
    setProblems(null);
    // keep the scenario that was open in the library first: nothing the user made is lost
    const current = scenarioStore.getState().scenario;
    const saved = lib().saveScenarioAs(
      `${current.title || 'Untitled scenario'} (before opening ${file.name})`,
      current,
    );
    scenarioStore.getState().replace(opened.scenario);
    onDone(
      `Opened “${opened.scenario.title}” from ${file.name}` +
        (opened.migratedFrom !== null
          ? ` (updated from schemaVersion ${opened.migratedFrom})`
          : '') +
        `. The scenario that was open is kept in the library as “${saved.name}”; Undo (Ctrl+Z) also brings it back.`,
    );
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Scenario JSON</h3>
      <div className="field">
        <label htmlFor={`${id}-file`}>Open scenario JSON…</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          onChange={(e) => void onFile(e)}
        />
      </div>
      {problems ? (
        <div role="alert" className="notice">
          <p>
            <strong>{problems.file} could not be opened.</strong> The open scenario is unchanged.
          </p>
          <ProblemList problems={problems.list} />
        </div>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            const scenario = scenarioStore.getState().scenario;
            downloadText(scenarioFileName(scenario), serializeScenario(scenario));
          }}
        >
          Save scenario JSON
        </button>
      </div>
    </section>
  );
}

function ShareLink() {
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const id = useId();
  const copy = async () => {
    const made = makeShareLink(scenarioStore.getState().scenario);
    if (!made.ok) {
      setLink(null);
      setMessage({ text: made.message, error: true });
      return;
    }
    const url = `${window.location.origin}${window.location.pathname}${window.location.search}${made.hash}`;
    setLink(url);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setMessage({
        text: 'The share link is copied. It holds the whole scenario; nothing is uploaded.',
        error: false,
      });
    } catch {
      setMessage({
        text: 'The link could not be copied automatically; copy it from the field below.',
        error: false,
      });
    }
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Share by link</h3>
      <div className="button-row">
        <button type="button" onClick={() => void copy()}>
          Copy share link
        </button>
      </div>
      {message ? (
        <p
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'notice' : undefined}
        >
          {message.text}
        </p>
      ) : null}
      {link ? (
        <div className="field">
          <label htmlFor={`${id}-link`}>Share link</label>
          <input
            id={`${id}-link`}
            readOnly
            value={link}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}
    </section>
  );
}
