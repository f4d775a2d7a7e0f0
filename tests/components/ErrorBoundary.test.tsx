// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../src/components/ErrorBoundary';

function Faulty(): never {
  throw new Error('a rendering fault');
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the error boundary', () => {
  it('renders its children when nothing fails', () => {
    render(
      <ErrorBoundary onDownload={() => undefined}>
        <p>All well</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText('All well')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers to download the scenario and reload instead of a blank page', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the fault
    const onDownload = vi.fn();
    const onReload = vi.fn();
    const user = userEvent.setup();
    render(
      <ErrorBoundary onDownload={onDownload} onReload={onReload}>
        <Faulty />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
    expect(screen.getByRole('alert')).toHaveTextContent('a rendering fault');
    await user.click(screen.getByRole('button', { name: 'Download the scenario' }));
    expect(onDownload).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });
});
