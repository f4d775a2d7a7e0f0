import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium: the only browser these tests use (no Playwright browser downloads). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const SKIP_MESSAGE =
  "browser tests skipped: install Debian's chromium (apt-get install -y chromium) to run them";

export const CI_MISSING_MESSAGE =
  `${CHROMIUM_PATH} is missing and CI is set, so the browser tests cannot be skipped: ` +
  "install Debian's chromium (apt-get install -y chromium poppler-utils qpdf), as .ci/run does.";

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** True when running in CI, where a skipped browser test must count as a failure. */
export function inCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Launches Chromium headless with a fresh profile, config and cache directory, so no state
 * leaks between runs and nothing is written to the user's home.
 */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const base = mkdtempSync(join(tmpdir(), 'spc-e2e-chromium-'));
  const profileDir = join(base, 'profile');
  const configDir = join(base, 'config');
  const cacheDir = join(base, 'cache');
  for (const dir of [profileDir, configDir, cacheDir]) mkdirSync(dir, { recursive: true });

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...process.env, XDG_CONFIG_HOME: configDir, XDG_CACHE_HOME: cacheDir },
    viewport: { width: 1280, height: 800 },
  });

  return {
    context,
    close: async () => {
      await context.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
