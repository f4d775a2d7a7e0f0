/**
 * `npm run screenshots`: builds the app, opens every wizard step and every page beside the
 * wizard in Debian's Chromium at 1920, 1280 and 768 px wide with the sample plan, and saves
 * full-page screenshots to test-results/screens/<step>-<width>.png, to look at as a user would.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PAGES, STEPS } from '../src/app/routing';
import { serveBuiltApp } from '../tests/e2e/support/app-server';
import { chromiumInstalled, CHROMIUM_PATH, launchBrowser } from '../tests/e2e/support/browser';
import { testResultsDir } from '../tests/e2e/support/paths';

async function main(): Promise<void> {
  if (!chromiumInstalled()) {
    console.error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
    process.exit(1);
  }
  const out = join(testResultsDir, 'screens');
  mkdirSync(out, { recursive: true });
  const app = await serveBuiltApp();
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${app.origin}/`, { waitUntil: 'networkidle' });
    for (const width of [1920, 1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      // Results is in sections (ADR 036): each section of figures gets its own picture
      const views = [
        ...STEPS.map((s) => ({ id: s.id, hash: s.id })),
        ...['charts', 'lines', 'monthly'].map((v) => ({
          id: `results-${v}`,
          hash: `results?view=${v}`,
        })),
        ...PAGES.filter((p) => p.inNav).map((p) => ({ id: p.id, hash: p.id })),
      ];
      for (const step of views) {
        await page.goto(`${app.origin}/#/${step.hash}`);
        await page.waitForLoadState('networkidle');
        await page.waitForFunction(() => !document.body.textContent?.includes('Loading'));
        await page.waitForTimeout(300);
        const file = join(out, `${step.id}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
    }
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
