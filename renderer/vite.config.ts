// The renderer's build: renderer/ -> dist/renderer, served by the loopback server (browser-kiosk
// mode) or loaded by the Electron shell. React's JSX is compiled by Vite's own oxc transform
// (no plugin). Relative asset URLs so the same files work from any origin or a custom protocol.
// No inline script or style ends up in index.html: the strict CSP (script-src/style-src 'self')
// holds for the built files.
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
  },
});
