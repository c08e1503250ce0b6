// Vite's import.meta.glob, the one Vite feature the renderer uses (locale catalogs): declared
// narrowly here instead of pulling vite/client's globals into the whole program.
interface ImportMeta {
  glob<T = unknown>(pattern: string, options: { eager: true; import: 'default' }): Record<string, T>;
}

// Stylesheets are imported for their side effect; Vite extracts them to a file.
declare module '*.css';
