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
  // The document worker (src/features/documents/document.worker.ts) is a module worker
  // (`{ type: 'module' }`), and the PDF code it bundles has dynamic imports (jspdf's optional
  // html2canvas, DOMPurify and canvg), which need a code-splitting format: ES modules, not
  // Vite's default IIFE.
  worker: {
    format: 'es',
  },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 30_000,
  },
});
