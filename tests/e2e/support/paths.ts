import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever directory vitest was started from. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Screenshots and other artefacts of browser tests (gitignored). */
export const testResultsDir = resolve(repoRoot, 'test-results');
