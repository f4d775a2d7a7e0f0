import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    react(),
    // Offline and installable (PRODUCT.md; ADR 027): a Workbox service worker generated at
    // build time precaches the whole built app, the lazy step chunks, the document worker,
    // the PDF fonts and the price tables (bundled into the JavaScript), so after one load the
    // app opens with no network. `prompt`: a new version waits until the user clicks Reload
    // (src/app/UpdatePrompt.tsx), never reloading under an edit. The app registers the worker
    // itself from a lazily imported module (`injectRegister: null`), so no inline script meets
    // the CSP and the first screen's budget does not carry workbox-window.
    VitePWA({
      registerType: 'prompt',
      injectRegister: null,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Service Provider Configurator',
        short_name: 'SP Configurator',
        description:
          'Sizes and prices a multi-tenant service-provider deal: platform, service licenses, white-label apps and channel commissions.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5d46',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ttf,woff2,json,webmanifest}'],
        // the PDF chunk (jspdf) and the document worker are past Workbox's 2 MB default
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
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
