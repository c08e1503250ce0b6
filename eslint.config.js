// Lint: typescript-eslint's recommended rules plus the import boundaries of ARCHITECTURE.md.
import { dirname, relative, resolve, sep } from 'node:path';
import tseslint from 'typescript-eslint';

/**
 * ARCHITECTURE.md's "Folders and what they may import", row by row: a folder may import itself and
 * the folders listed (a listed `main` or `drivers` means every folder inside it). A folder of
 * main/, drivers/ or the top level that has no row here is reported, so the table stays whole.
 * The renderer, test/ and bench/ are governed by the rules further down.
 */
export const MAY_IMPORT = {
  kernel: [],
  locales: [],
  'main/protocol': ['kernel'],
  'main/node': ['main/protocol', 'kernel'],
  'main/config': ['kernel'],
  'main/log': ['main/config', 'kernel'],
  'main/engine': ['main/protocol', 'main/node', 'db', 'kernel'],
  'main/core': ['main/config', 'main/log', 'main/engine', 'main/node', 'main/protocol', 'main/fleet', 'db', 'sim', 'drivers', 'kernel'],
  // `type:` allows type-only imports (`import type`), nothing that runs.
  'main/contract': ['main/config', 'type:main/engine', 'type:db', 'kernel'],
  'main/services': [
    'main/contract',
    'main/fleet',
    'main/config',
    'type:main/core',
    'main/engine',
    'main/node',
    'main/protocol',
    'db',
    'drivers',
    'kernel',
    'locales',
  ],
  'main/api': [
    'main/contract',
    'main/services',
    'main/core',
    'main/config',
    'main/fleet',
    'type:main/engine',
    'main/node',
    'drivers',
    'kernel',
  ],
  // The fleet's wire format, read by the terminal's shipper and the back office alike.
  'main/fleet': ['kernel'],
  // The back office (`sportello fleet`): broker consumer, PostgreSQL store, its web server.
  'main/backoffice': ['main/fleet', 'main/config', 'main/log', 'db', 'kernel', 'locales'],
  'main/server': ['main/contract', 'type:main/api', 'kernel'],
  'main/shell': ['main/api', 'main/contract', 'main/core', 'main/config', 'main/server', 'kernel'],
  'main/electron': ['main/api', 'main/contract', 'main/core', 'main/config', 'main/server', 'main/shell', 'kernel'],
  // The command line: the API for what a call does, the core's parts for what is local (db, config, doctor, sim).
  'main/cli': [
    'main/api',
    'main/backoffice',
    'main/fleet',
    'main/contract',
    'main/core',
    'main/config',
    'main/engine',
    'main/node',
    'main/server',
    'db',
    'drivers',
    'sim',
    'kernel',
    'locales',
  ],
  'drivers/payload': ['kernel'],
  'drivers/scanner': ['kernel'],
  'drivers/printer': ['kernel', 'locales'],
  'drivers/certificate': ['drivers/printer', 'kernel', 'locales'],
  'drivers/tender': ['kernel'],
  db: ['kernel'],
  sim: ['kernel'],
};

/** The folder a repository path belongs to: `main/<x>` and `drivers/<x>`, else its top folder. */
function folderOf(path) {
  const parts = path.split(sep).join('/').split('/');
  if ((parts[0] === 'main' || parts[0] === 'drivers') && parts.length >= 2) {
    return `${parts[0]}/${parts[1].replace(/\.(tsx?|[cm]?js|json)$/, '')}`;
  }
  return parts[0];
}

/** An import or export that brings types only: `import type`, `export type`, or every specifier `type`. */
function typesOnly(node) {
  if (!node) return false;
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specs = node.specifiers ?? [];
  return specs.length > 0 && specs.every((sp) => sp.importKind === 'type' || sp.exportKind === 'type');
}

const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: "Imports cross only the boundaries ARCHITECTURE.md's folder table allows" },
    schema: [],
    messages: {
      crossing: '{{from}}/ may not import {{to}}/: it may import {{allowed}} (ARCHITECTURE.md, "Folders and what they may import").',
      noRow: '{{from}}/ has no row in the boundary table (eslint.config.js MAY_IMPORT, ARCHITECTURE.md): add one.',
    },
  },
  create(context) {
    const file = relative(context.cwd, context.filename);
    const from = folderOf(file);
    const allowed = MAY_IMPORT[from];
    const check = (source, types = false) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = relative(context.cwd, resolve(dirname(context.filename), source.value));
      if (target.startsWith('..')) return;
      const to = folderOf(target);
      const covers = (a) => to === a || to.startsWith(`${a}/`);
      if (to === from || allowed.some(covers)) return;
      if ((types || typesOnly(source.parent)) && allowed.some((a) => a.startsWith('type:') && covers(a.slice(5)))) return;
      context.report({
        node: source,
        messageId: 'crossing',
        data: {
          from,
          to,
          allowed: allowed.length
            ? allowed.map((a) => (a.startsWith('type:') ? `types of ${a.slice(5)}/` : `${a}/`)).join(', ')
            : 'nothing',
        },
      });
    };
    if (!allowed) return { Program: (node) => context.report({ node, messageId: 'noRow', data: { from } }) };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.literal ?? node.argument, true),
    };
  },
};

const noElectron = {
  paths: [{ name: 'electron', message: 'Only main/electron/ may import electron: the core runs in plain Node.' }],
  patterns: [{ group: ['electron/*'], message: 'Only main/electron/ may import electron.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**', '**/*.cjs', 'sim/schema/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Type-aware: a promise nobody awaits or catches is how a full disk once killed `serve` (an
    // unhandled rejection from the outbox); product code may not leave one.
    files: ['kernel/**/*.ts', 'main/**/*.ts', 'drivers/**/*.ts', 'db/**/*.ts', 'sim/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      // A new member of a union (a phase, an event, a fault action) must not fall through a switch
      // unnoticed: a switch lists every case, or says with a `default` what the rest means (a
      // deliberate "every other event", or `missingCase`); a switch on a plain string or number
      // always has a default.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: true },
      ],
    },
  },
  {
    files: ['kernel/**', 'locales/**', 'main/**', 'drivers/**', 'db/**', 'sim/**'],
    plugins: { sportello: { rules: { boundaries } } },
    rules: { 'sportello/boundaries': 'error' },
  },
  {
    files: ['kernel/**', 'drivers/**', 'db/**', 'sim/**', 'test/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    // The renderer knows the contract's types and nothing of its transport or the core.
    files: ['renderer/**'],
    // the build's own config runs in Node, not in the page
    ignores: ['renderer/vite.config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer never imports electron.' }],
          patterns: [
            // Two exceptions: main/contract/client.ts is the browser-safe WebSocket client of the
            // contract (type imports only, no node modules); the renderer uses it when no preload
            // provides a client. main/contract/service-form.ts (zod only) checks a service form's
            // values as they are typed. Everything else in main/ stays types-only.
            {
              regex: '(^|/)main/(?!contract/(client|service-form)$)',
              allowTypeImports: true,
              message: 'renderer/ imports only types from main/.',
            },
            // The keyboard-wedge detector is pure and browser-safe; the other drivers touch devices.
            {
              regex: '(^|/)drivers/(?!scanner/(wedge-detector|wedge-dom|types)$)',
              allowTypeImports: true,
              message: 'renderer/ imports from drivers/ only the keyboard-wedge detector.',
            },
            { group: ['**/db/**', '**/sim/**', 'node:*'], message: 'renderer/ runs in a browser: no core, db or node modules.' },
          ],
        },
      ],
    },
  },
);
