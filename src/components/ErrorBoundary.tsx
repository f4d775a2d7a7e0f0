import { Component, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  readonly children: ReactNode;
  /** Offers the user a copy of their work. */
  readonly onDownload: () => void;
  /** Reloads the page; `location.reload()` unless told otherwise. */
  readonly onReload?: () => void;
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
    const reload = this.props.onReload ?? (() => window.location.reload());
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
