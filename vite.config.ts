import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    // dist/.vite/manifest.json maps every chunk to its static and dynamic imports;
    // scripts/check-bundle-budget.ts reads it to find the JavaScript of the first screen.
    manifest: true,
  },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 30_000,
  },
});
