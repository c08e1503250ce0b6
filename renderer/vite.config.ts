// The renderer's build: renderer/ -> dist/renderer, served by the loopback server (browser-kiosk
// mode) or loaded by the Electron shell. React's JSX is compiled by Vite's own oxc transform
// (no plugin). Relative asset URLs so the same files work from any origin or a custom protocol.
// Two pages: index.html (the terminal's screens) and fleet.html (the back office's dashboard,
// served by `sportello fleet`). No inline script or style ends up in either: the strict CSP
// (script-src/style-src 'self') holds for the built files.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // assets as files, never inlined: nothing for the CSP to refuse
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        fleet: fileURLToPath(new URL('./fleet.html', import.meta.url)),
      },
    },
  },
});
