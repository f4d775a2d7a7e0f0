// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Shell } from '../../src/app/Shell';
import { resetApp as reset } from '../support/app-state';

// Issue 11, finding 2: `#/deal?field=a%0Ab` crashed the app. Any link lands on a page that
// says what it could not find.

beforeEach(reset);
afterEach(() => {
  cleanup();
  window.location.hash = '';
  reset();
});

describe('the shell on hostile links', () => {
  it.each(['a%0Db', 'a%0Cb', '%22%5D%5B', '%5Bdata-x%5D', '%00', '%E0%A4%A'])(
    'opens #/deal?field=%s on the Deal step without a fault',
    (field) => {
      window.location.hash = `#/deal?field=${field}`;
      render(<Shell />);
      expect(within(screen.getByRole('main')).getByRole('heading', { level: 2 })).toHaveTextContent(
        'Deal',
      );
    },
  );

  it('says when the field of a link is not there (#/deal?field=a%0Ab)', async () => {
    window.location.hash = '#/deal?field=a%0Ab';
    render(<Shell />);
    expect(
      await screen.findByText(
        /The link points to a field .* that this scenario does not have/,
        undefined,
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
  }, 10_000);

  it('says when a route does not exist, and shows the first step', () => {
    window.location.hash = '#/no-such-page?x=%E0%A4%A';
    render(<Shell />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'This app has no page “no-such-page”; here is the first step of the wizard.',
    );
    expect(within(screen.getByRole('main')).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Deal',
    );
    act(() => {
      window.location.hash = '#/platform';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(screen.queryByText(/This app has no page/)).not.toBeInTheDocument();
  });
});
