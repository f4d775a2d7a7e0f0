import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { repoRoot } from './paths';

let builtOutDir: Promise<string> | undefined;
let openServers = 0;

/**
 * Builds the app once per test process into a fresh temporary directory, exactly as
 * `npm run build` would (same vite.config.ts), and returns that directory. The directory is
 * removed when the last server started by `serveBuiltApp` closes.
 */
export function buildAppOnce(): Promise<string> {
  builtOutDir ??= buildApp();
  return builtOutDir;
}

async function buildApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'spc-e2e-build-'));
  // Vitest sets NODE_ENV=test, and Vite keeps an existing NODE_ENV: without this the build
  // would bundle React's development code, so the browser would test something we never ship.
  const previousNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: repoRoot,
      configFile: resolve(repoRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = previousNodeEnv;
  }
  return outDir;
}

export interface RunningApp {
  /** The app's origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  origin: string;
  close: () => Promise<void>;
}

/** Serves the built app with `vite preview` on a free port of the loopback interface. */
export async function serveBuiltApp(): Promise<RunningApp> {
  const outDir = await buildAppOnce();
  const server: PreviewServer = await preview({
    root: repoRoot,
    configFile: resolve(repoRoot, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  openServers += 1;
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address) throw new Error('vite preview did not start listening');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await server.close();
      openServers -= 1;
      if (openServers === 0) {
        builtOutDir = undefined;
        rmSync(outDir, { recursive: true, force: true });
      }
    },
  };
}
