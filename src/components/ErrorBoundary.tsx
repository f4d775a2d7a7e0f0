import { Component, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  readonly children: ReactNode;
  /** Offers the user a copy of their work. */
  readonly onDownload: () => void;
  /** Reloads the page; `reloadWithout()` (the failed part of the URL cleared) unless told otherwise. */
  readonly onReload?: () => void;
}

/**
 * The address to reload after a fault, without the part that may have caused it (issue 11):
 * first what follows `?` in the hash (a link's `field=`, a share link's payload), then the
 * hash itself. Reloading the same URL would fault again, and the user could not get out
 * without editing the address by hand.
 */
export function recoveryUrl(href: string): string {
  const at = href.indexOf('#');
  if (at === -1) return href;
  const base = href.slice(0, at);
  const hash = href.slice(at);
  const q = hash.indexOf('?');
  if (q !== -1) return base + hash.slice(0, q);
  return base;
}

/** Reloads the page at `recoveryUrl` of the current address. */
export function reloadWithout(): void {
  const next = recoveryUrl(window.location.href);
  if (next !== window.location.href) window.history.replaceState(null, '', next);
  window.location.reload();
}

interface State {
  readonly error: Error | null;
}

/**
 * Catches a rendering fault below it and, instead of a blank page, offers to download the
 * work and reload. Nothing is lost: the store saved the scenario before the fault.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const reload = this.props.onReload ?? reloadWithout;
    return (
      <main className="error-boundary">
        <div role="alert">
          <h1>Something went wrong on this page</h1>
          <p>
            Your scenario is saved in this browser and nothing is lost. Download a copy to be safe,
            then reload the page.
          </p>
          <p className="muted">Details: {error.message}</p>
        </div>
        <div className="button-row">
          <button type="button" onClick={this.props.onDownload}>
            Download the scenario
          </button>
          <button type="button" onClick={reload}>
            Reload
          </button>
        </div>
      </main>
    );
  }
}
