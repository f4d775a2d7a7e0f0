/**
 * Browser benchmark: `npm run bench:browser` (tsx bench/browser-edit.bench.ts).
 *
 * ENGINEERING.md § Budgets: "edit one field with 1,000 lines loaded → KPIs updated in
 * Chromium ≤ 50 ms" (the version-2 budget; it was 100 ms). Builds the app with Vite (tests/e2e/support/app-server.ts), serves it
 * with `vite preview`, launches Debian's Chromium as the browser tests do
 * (tests/e2e/support/browser.ts: fresh profile, XDG dirs in tmp), stores a generated scenario
 * under the store key, reloads, opens `#/pricing` and edits "Default markup %".
 *
 * What one sample is, measured in the page with `performance.now()`:
 * - start: the first `beforeinput` or `input` event of the edit, seen by a capture listener on
 *   `window` (so before React's own listeners on the root). Playwright's `fill` selects the
 *   text and inserts the new value in one step, so there is no `keydown`;
 * - end ("KPIs updated"): the MutationObserver callback on `[data-testid="kpi-tcv"]` in which
 *   its text differs from the text before the edit, i.e. right after React committed it;
 * - also reported, not held against the budget: "next frame", taken in a `setTimeout(0)` queued
 *   from the first `requestAnimationFrame` after that commit, which is about when the new figure
 *   has been painted.
 *
 * 3 warm-up edits, then 15 timed ones, alternating between two valid values. The exit status is
 * 0 even when over budget (a benchmark reports); it is 1 when the benchmark itself cannot run
 * (no Chromium, the scenario did not load, the TCV did not change).
 */
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { STORAGE_KEY, STORE_VERSION } from '../src/state/persistence';
import { serveBuiltApp } from '../tests/e2e/support/app-server';
import { chromiumInstalled, CHROMIUM_PATH, launchBrowser } from '../tests/e2e/support/browser';
import { generateScenario, loadSampleTable } from './generate';

const SEED = 20261101;
const WARMUP_EDITS = 3;
const TIMED_EDITS = 15;
// ENGINEERING.md § Budgets (version 2): edit one field with 1,000 lines → KPIs updated, median.
const BUDGET_MS = 50;
const EDIT_TIMEOUT_MS = 10_000;

interface Case {
  readonly name: string;
  /** null: no stored scenario, the app opens its sample plan. */
  readonly scenario: { lines: number; months: number } | null;
  readonly budgetMs: number | null;
  /**
   * Which field is edited: "Default markup %" on the Pricing step, or the count of the
   * first customer line in the Customers step's table.
   */
  readonly edit: 'markup' | 'line-count';
}

const CASES: readonly Case[] = [
  {
    name: '1,000 lines × 36 months, Pricing: default markup',
    scenario: { lines: 1000, months: 36 },
    budgetMs: BUDGET_MS,
    edit: 'markup',
  },
  {
    name: '1,000 lines × 36 months, Customers: a line count',
    scenario: { lines: 1000, months: 36 },
    budgetMs: BUDGET_MS,
    edit: 'line-count',
  },
  {
    name: '36 lines × 36 months, Pricing',
    scenario: { lines: 36, months: 36 },
    budgetMs: null,
    edit: 'markup',
  },
  { name: 'sample plan (8 lines), Pricing', scenario: null, budgetMs: null, edit: 'markup' },
];

interface EditTiming {
  readonly commitMs: number;
  readonly frameMs: number;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * The in-page part, as source text: tsx compiles this file with esbuild's keepNames, whose
 * `__name(...)` wrappers would not exist in the page if a function were passed to evaluate.
 * Arms the clock for the next edit (a start listener and a TCV observer) and leaves the result
 * in `window.__benchEdit`.
 */
const ARM_EDIT = `(timeoutMs) => {
  const tcv = document.querySelector('[data-testid="kpi-tcv"]');
  if (!tcv) throw new Error('no [data-testid="kpi-tcv"] on the page');
  const before = tcv.textContent;
  let start = null;
  const onStart = () => { if (start === null) start = performance.now(); };
  window.addEventListener('beforeinput', onStart, { capture: true });
  window.addEventListener('input', onStart, { capture: true });
  window.__benchEdit = new Promise((resolve, reject) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      window.removeEventListener('beforeinput', onStart, { capture: true });
      window.removeEventListener('input', onStart, { capture: true });
    };
    const observer = new MutationObserver(() => {
      if (tcv.textContent === before) return;
      const commit = performance.now();
      done();
      if (start === null) return reject(new Error('the TCV changed before the edit started'));
      const t0 = start;
      requestAnimationFrame(() =>
        setTimeout(() => resolve({ commitMs: commit - t0, frameMs: performance.now() - t0 })),
      );
    });
    observer.observe(tcv, { characterData: true, childList: true, subtree: true });
    const timer = setTimeout(() => {
      done();
      reject(new Error('the TCV did not change within ' + timeoutMs + ' ms (still ' + before + ')'));
    }, timeoutMs);
  });
}`;

async function armEdit(page: Page): Promise<void> {
  await page.evaluate(`(${ARM_EDIT})(${EDIT_TIMEOUT_MS})`);
}

async function runCase(page: Page, origin: string, c: Case) {
  const stored = c.scenario
    ? JSON.stringify({
        state: {
          scenario: generateScenario(c.scenario.lines, c.scenario.months, SEED, loadSampleTable()),
        },
        version: STORE_VERSION,
      })
    : null;
  await page.evaluate(
    stored === null
      ? `localStorage.removeItem(${JSON.stringify(STORAGE_KEY)})`
      : `localStorage.setItem(${JSON.stringify(STORAGE_KEY)}, ${JSON.stringify(stored)})`,
  );
  await page.goto(`${origin}/#/${c.edit === 'markup' ? 'pricing' : 'customers'}`);
  await page.reload({ waitUntil: 'networkidle' });

  let input;
  let rows: number;
  if (c.edit === 'markup') {
    input = page.getByLabel('Default markup %', { exact: true });
    await input.waitFor({ state: 'visible' });
    rows = await page.locator('table.pricing-lines tbody tr').count();
  } else {
    input = page.locator('table.customers-table input[aria-label^="Count of "]').first();
    await input.waitFor({ state: 'visible' });
    const caption = (await page.locator('table.customers-table caption').textContent()) ?? '';
    rows = Number(/\((\d+)\)/.exec(caption)?.[1] ?? NaN);
  }
  await page.getByTestId('kpi-tcv').waitFor({ state: 'visible' });
  if (c.scenario && rows !== c.scenario.lines) {
    throw new Error(`${c.name}: the step shows ${rows} lines, not ${c.scenario.lines}`);
  }

  // two valid values that differ from the stored one, so every edit changes the TCV
  const current = await input.inputValue();
  const pair = c.edit === 'markup' ? ['41', '42', '51', '52'] : ['7', '8', '17', '18'];
  const values = pair.slice(0, 2).includes(current) ? pair.slice(2) : pair.slice(0, 2);
  const samples: EditTiming[] = [];
  for (let i = 0; i < WARMUP_EDITS + TIMED_EDITS; i++) {
    await armEdit(page);
    await input.fill(values[i % 2]!);
    const timing = (await page.evaluate('window.__benchEdit')) as EditTiming;
    if (i >= WARMUP_EDITS) samples.push(timing);
    await page.waitForTimeout(100); // let the page go idle between edits
  }
  const commit = samples.map((s) => s.commitMs).sort((a, b) => a - b);
  const frame = samples.map((s) => s.frameMs).sort((a, b) => a - b);
  const medianMs = percentile(commit, 50);
  return {
    name: c.name,
    lines: rows,
    medianMs,
    p90Ms: percentile(commit, 90),
    minMs: commit[0]!,
    maxMs: commit[commit.length - 1]!,
    frameMedianMs: percentile(frame, 50),
    frameP90Ms: percentile(frame, 90),
    budget: c.budgetMs === null ? '—' : `≤ ${c.budgetMs} ms`,
    result: c.budgetMs === null ? '—' : medianMs <= c.budgetMs ? 'PASS' : 'OVER',
  };
}

async function main(): Promise<void> {
  if (!chromiumInstalled()) {
    console.error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
    process.exit(1);
  }
  const app = await serveBuiltApp(); // builds into a temp dir first (production mode)
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.origin}/`, { waitUntil: 'networkidle' });
    const cdp = await browser.context.newCDPSession(page);
    const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
    await cdp.detach();
    const chromium = product.replace(/^(Headless)?Chrome\//, '');
    const cpu = cpus();
    console.log(
      `machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ` +
        `load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}; Node ${process.version}; Chromium ${chromium} (${CHROMIUM_PATH}, headless)`,
    );
    console.log(
      `edit "Default markup %" on #/pricing, or a line's count on #/customers: ${WARMUP_EDITS} warm-up + ${TIMED_EDITS} timed edits; ` +
        `input event → kpi-tcv text changed (commit), and → next frame\n`,
    );
    const results = [];
    for (const c of CASES) results.push(await runCase(page, app.origin, c));
    console.table(
      results.map((r) => ({
        case: r.name,
        'median ms': r.medianMs.toFixed(1),
        'p90 ms': r.p90Ms.toFixed(1),
        'min ms': r.minMs.toFixed(1),
        'max ms': r.maxMs.toFixed(1),
        'next frame median': r.frameMedianMs.toFixed(1),
        'next frame p90': r.frameP90Ms.toFixed(1),
        budget: r.budget,
        result: r.result,
      })),
    );
    if (errors.length > 0) console.warn(`page errors:\n  ${errors.join('\n  ')}`);
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
