/// <reference types="vite-plugin-pwa/vanillajs" />
import { useEffect, useState } from 'react';
import { countLabel } from '../components/format';
import { usePendingInputs } from '../components/form/input-status';

type Update = (reloadPage?: boolean) => Promise<void>;

/**
 * Registers the service worker (built by vite-plugin-pwa, ADR 027) and, when a new version
 * has been downloaded, offers it: "A new version is ready — Reload". The page reloads only on
 * that click, never by itself, so nothing being typed is lost; the scenario itself is saved
 * in the browser on every valid edit and comes back after the reload.
 */
export function UpdatePrompt() {
  const [update, setUpdate] = useState<Update | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const pending = usePendingInputs();

  useEffect(() => {
    // only the built app has a service worker; tests and `vite dev` run without one
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    let cancelled = false;
    void import('virtual:pwa-register').then(({ registerSW }) => {
      if (cancelled) return;
      const updateSW = registerSW({
        onNeedRefresh: () => setUpdate(() => updateSW),
      });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (!update || dismissed) return null;
  return (
    <div className="update-prompt" role="status">
      <p>
        A new version is ready.
        {pending.length > 0
          ? ` Reloading drops the ${countLabel(pending.length, 'input', 'inputs')} that ${pending.length === 1 ? 'is' : 'are'} not valid yet.`
          : ' Your scenario is saved and comes back after the reload.'}
      </p>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void update(true)}>
          Reload
        </button>
        <button type="button" onClick={() => setDismissed(true)}>
          Later
        </button>
      </div>
    </div>
  );
}
