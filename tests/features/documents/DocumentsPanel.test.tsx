// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../../src/engine/index';
import { DocumentsPanel } from '../../../src/features/documents/DocumentsPanel';
import {
  abortError,
  DocumentBuildError,
  type BuildOptions,
  type BuiltDocument,
  type DocumentBuilder,
  type DocumentRequest,
} from '../../../src/features/documents/protocol';
import { customersCsv, monthsCsv } from '../../../src/reports/csv';
import { localToday, scenarioStore } from '../../../src/state/app-store';
import { sampleScenario } from '../../../src/state/sample';
import { appQuote, openScenario, resetApp } from '../../support/app-state';

/**
 * The Documents panel with a fake builder: no worker, no fonts, no jspdf. The builder is the
 * panel's seam (its `build` prop); the default, which runs in a Web Worker, has its own tests
 * and the browser test builds real PDFs.
 */

interface PendingBuild {
  readonly request: DocumentRequest;
  readonly options: BuildOptions;
  readonly resolve: (doc: BuiltDocument) => void;
  readonly reject: (error: unknown) => void;
}

/** A builder whose builds the test drives: reports progress, finishes or fails on demand. */
function fakeBuilder() {
  const builds: PendingBuild[] = [];
  const build = vi.fn<DocumentBuilder>(
    (request, options) =>
      new Promise<BuiltDocument>((resolve, reject) => {
        options.signal?.addEventListener('abort', () => reject(abortError()));
        builds.push({ request, options, resolve, reject });
      }),
  );
  const last = () => {
    const b = builds.at(-1);
    if (!b) throw new Error('no build was started');
    return b;
  };
  return { build, builds, last };
}

/** Captures downloads: the anchor's file name and the Blob behind its URL. */
function captureDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  const revoke = vi.fn();
  Object.assign(URL, {
    createObjectURL: vi.fn((blob: Blob) => {
      const url = `blob:documents/${++n}`;
      blobs.set(url, blob);
      return url;
    }),
    revokeObjectURL: revoke,
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    files.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return { files, revoke };
}

const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\n%fake\n');

function renderPanel(build: DocumentBuilder) {
  const user = userEvent.setup();
  render(<DocumentsPanel build={build} />);
  return { user };
}

const button = (name: string) => screen.getByRole('button', { name });
const status = () => screen.getByRole('status');

beforeEach(resetApp);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  resetApp();
});

describe('the Documents panel', () => {
  it('offers the three PDF documents, a labelled customer choice and the two CSV files', () => {
    renderPanel(fakeBuilder().build);
    expect(screen.getByRole('region', { name: 'Documents' })).toBeInTheDocument();
    for (const name of [
      'MSP proposal (PDF)',
      'Internal report (PDF)',
      'Customer proposal (PDF)',
      'Download customers CSV',
      'Download monthly CSV',
    ]) {
      expect(button(name)).toBeEnabled();
    }
    const select = screen.getByRole('combobox', { name: 'Customer' });
    const names = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(names).toEqual(sampleScenario().customers.map((c) => c.name));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('builds the internal report with the scenario, its quote and table, shows progress, then downloads it under the builder’s name', async () => {
    const fake = fakeBuilder();
    const downloads = captureDownloads();
    const before = scenarioStore.getState();
    const { user } = renderPanel(fake.build);

    await user.click(button('Internal report (PDF)'));
    expect(fake.build).toHaveBeenCalledTimes(1);
    const { request, options } = fake.last();
    expect(request.kind).toBe('internal-report');
    expect(request.scenario).toBe(before.scenario);
    expect(request.quote).toEqual(appQuote());
    expect(request.table.product).toBe(before.scenario.priceTable.product);
    expect(request.table.version).toBe(before.scenario.priceTable.version);
    expect(request.today).toBe(localToday());
    expect(request).not.toHaveProperty('customerId');
    expect(request).not.toHaveProperty('fonts');

    // while it builds: a labelled progress bar, the live text, Cancel, the buttons disabled
    const progress = screen.getByRole('progressbar', { name: 'Progress of the internal report' });
    expect(progress).toHaveAttribute('value', '0');
    expect(status()).toHaveTextContent('Building internal report… 0 %');
    expect(button('Internal report (PDF)')).toBeDisabled();
    expect(button('MSP proposal (PDF)')).toBeDisabled();
    expect(button('Customer proposal (PDF)')).toBeDisabled();
    expect(button('Cancel')).toBeEnabled();
    act(() => options.onProgress?.(430, 1000, 'lines'));
    expect(progress).toHaveAttribute('value', '43');
    expect(status()).toHaveTextContent('Building internal report… 40 %');

    expect(downloads.files).toEqual([]);
    await act(async () =>
      fake.last().resolve({ bytes: PDF_BYTES, fileName: 'northwind-internal-report.pdf' }),
    );
    expect(downloads.files.map((f) => f.name)).toEqual(['northwind-internal-report.pdf']);
    const blob = downloads.files[0]!.blob;
    expect(blob.type).toBe('application/pdf');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([...PDF_BYTES]);
    await vi.waitFor(() => expect(downloads.revoke).toHaveBeenCalledWith('blob:documents/1'));

    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(status()).toHaveTextContent(
      'The internal report is ready: northwind-internal-report.pdf.',
    );
    expect(button('Internal report (PDF)')).toBeEnabled();
    // the panel only reads: the same scenario object, no history entry
    expect(scenarioStore.getState().scenario).toBe(before.scenario);
    expect(scenarioStore.getState().history).toBe(before.history);
  });

  it('asks for the MSP proposal without a customer, and the customer proposal for the chosen customer', async () => {
    const fake = fakeBuilder();
    captureDownloads();
    const { user } = renderPanel(fake.build);
    await user.click(button('MSP proposal (PDF)'));
    expect(fake.last().request.kind).toBe('msp-proposal');
    expect(fake.last().request).not.toHaveProperty('customerId');
    await act(async () => fake.last().resolve({ bytes: PDF_BYTES, fileName: 'msp.pdf' }));

    const lodz = sampleScenario().customers.find((c) => c.name === 'Łódź Telekom')!;
    await user.selectOptions(screen.getByRole('combobox', { name: 'Customer' }), 'Łódź Telekom');
    await user.click(button('Customer proposal (PDF)'));
    expect(fake.last().request).toMatchObject({ kind: 'customer-proposal', customerId: lodz.id });
    expect(status()).toHaveTextContent('Building customer proposal for Łódź Telekom… 0 %');
  });

  it("writes the customer proposal in the chosen language, and a partner's commission statement for the chosen party", async () => {
    const fake = fakeBuilder();
    captureDownloads();
    const { user } = renderPanel(fake.build);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'Polski');
    await user.click(button('Customer proposal (PDF)'));
    expect(fake.last().request).toMatchObject({ kind: 'customer-proposal', lang: 'pl' });
    await act(async () => fake.last().resolve({ bytes: PDF_BYTES, fileName: 'c.pdf' }));

    const partner = sampleScenario().channel.partners[0]!;
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Distributor or partner' }),
      `${partner.name} (partner)`,
    );
    await user.click(button('Commission statement (PDF)'));
    expect(fake.last().request).toMatchObject({ kind: 'partner-statement', partyId: partner.id });
    expect(fake.last().request).not.toHaveProperty('customerId');
    expect(status()).toHaveTextContent(`Building commission statement for ${partner.name}`);
  });

  it('says what failed in an alert, downloads nothing and leaves the scenario alone', async () => {
    const fake = fakeBuilder();
    const downloads = captureDownloads();
    const before = scenarioStore.getState().scenario;
    const { user } = renderPanel(fake.build);
    await user.click(button('Customer proposal (PDF)'));
    await act(async () =>
      fake
        .last()
        .reject(new DocumentBuildError('the customer "c9" is not a line of the scenario', true)),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The customer proposal for Müller GmbH could not be built: the customer "c9" is not a line of the scenario. The scenario is unchanged.',
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(downloads.files).toEqual([]);
    expect(scenarioStore.getState().scenario).toBe(before);

    // a new attempt clears the alert
    await user.click(button('MSP proposal (PDF)'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names a fault that is not about the input, too', async () => {
    const fake = fakeBuilder();
    captureDownloads();
    const { user } = renderPanel(fake.build);
    await user.click(button('MSP proposal (PDF)'));
    await act(async () =>
      fake
        .last()
        .reject(
          new DocumentBuildError(
            'the font DejaVuSans-subset.ttf could not be loaded (HTTP 404)',
            false,
          ),
        ),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The MSP proposal could not be built: the font DejaVuSans-subset.ttf could not be loaded (HTTP 404).',
    );
  });

  it('cancels a build: the build is aborted, nothing is downloaded, and it says so', async () => {
    const fake = fakeBuilder();
    const downloads = captureDownloads();
    const { user } = renderPanel(fake.build);
    await user.click(button('Internal report (PDF)'));
    const { options } = fake.last();
    await user.click(button('Cancel'));
    expect(options.signal?.aborted).toBe(true);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(status()).toHaveTextContent('Cancelled the internal report.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(button('Internal report (PDF)')).toBeEnabled();
    expect(downloads.files).toEqual([]);
  });

  it('aborts a build in progress when it is unmounted (the step is left)', async () => {
    const fake = fakeBuilder();
    const { user } = renderPanel(fake.build);
    await user.click(button('Internal report (PDF)'));
    const { options } = fake.last();
    cleanup();
    expect(options.signal?.aborted).toBe(true);
  });

  it('is disabled, and says why, while the quote has errors', () => {
    const scenario = sampleScenario();
    const first = scenario.customers[0]!;
    openScenario({
      ...scenario,
      customers: [{ ...first, license: { ...first.license, bundle: 'no-such-bundle' } }],
    } as Scenario);
    const fake = fakeBuilder();
    renderPanel(fake.build);
    const why = screen.getByText('Nothing to export until the 1 error under Issues is fixed.');
    for (const name of [
      'MSP proposal (PDF)',
      'Internal report (PDF)',
      'Customer proposal (PDF)',
      'Download customers CSV',
      'Download monthly CSV',
    ]) {
      expect(button(name)).toBeDisabled();
      expect(button(name)).toHaveAccessibleDescription(why.textContent!);
    }
    expect(fake.build).not.toHaveBeenCalled();
  });

  it('downloads the customers and monthly CSV with a byte-order mark', async () => {
    const downloads = captureDownloads();
    const { user } = renderPanel(fakeBuilder().build);
    await user.click(button('Download customers CSV'));
    await user.click(button('Download monthly CSV'));
    expect(downloads.files.map((f) => f.name)).toEqual([
      'northwind-msp-2027-platform-plan-customers.csv',
      'northwind-msp-2027-platform-plan-monthly.csv',
    ]);
    const texts = await Promise.all(
      downloads.files.map(async (f) =>
        new TextDecoder('utf-8', { ignoreBOM: true }).decode(await f.blob.arrayBuffer()),
      ),
    );
    const quote = appQuote();
    expect(texts).toEqual([
      `\uFEFF${customersCsv(scenarioStore.getState().scenario, quote)}`,
      `\uFEFF${monthsCsv(quote)}`,
    ]);
  });

  it('has no axe violations, idle and while building', async () => {
    const fake = fakeBuilder();
    const { user } = renderPanel(fake.build);
    const check = async () => {
      const results = await axe.run(document.body);
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    };
    await check();
    await user.click(button('Internal report (PDF)'));
    act(() => fake.last().options.onProgress?.(1, 3, 'lines'));
    await check();
  });
});
