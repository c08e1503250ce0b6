// eslint.config.js's boundary rule: ARCHITECTURE.md's folder table, and a crossing fails lint.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../..', import.meta.url));

// Synthetic files are linted as text, never written; the type-aware rules need files the
// TypeScript project knows, so they are left out here (the boundary rule needs no types).
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) =>
    ['sportello/boundaries', 'no-restricted-imports', '@typescript-eslint/no-restricted-imports'].includes(ruleId),
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  assert.ok(result, `no lint result for ${filePath}`);
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries', () => {
  const crossings: [file: string, code: string, to: string][] = [
    ['db/x.ts', "import { PaymentEngine } from '../main/engine/engine';\nexport { PaymentEngine };\n", 'main/engine'],
    ['db/repos/x.ts', "export * from '../../main/core/core';\n", 'main/core'],
    ['drivers/printer/x.ts', "import { startCore } from '../../main/core/core';\nexport { startCore };\n", 'main/core'],
    ['drivers/printer/x.ts', "export * from '../certificate/document';\n", 'drivers/certificate'],
    ['drivers/payload/x.ts', "export * from '../../locales/it/printer.json';\n", 'locales'],
    ['sim/x.ts', "import { buildVerifyRequest } from '../main/protocol/encode';\nexport { buildVerifyRequest };\n", 'main/protocol'],
    ['sim/xml/x.ts', "export const m = () => import('../../main/config');\n", 'main/config'],
    ['kernel/x.ts', "import { openDatabase } from '../db/open';\nexport { openDatabase };\n", 'db'],
    ['main/protocol/x.ts', "import type { Db } from '../../db/open';\nexport type { Db };\n", 'db'],
    ['main/protocol/x.ts', "export type N = import('../node').NodeClient;\n", 'main/node'],
    ['main/node/x.ts', "export * from '../engine';\n", 'main/engine'],
    ['main/engine/x.ts', "export * from '../core/core';\n", 'main/core'],
    ['main/core/x.ts', "export * from '../contract/calls';\n", 'main/contract'],
    ['main/core/x.ts', "export * from '../api/x';\n", 'main/api'],
    ['main/config/x.ts', "export * from '../services/x';\n", 'main/services'],
    ['main/server/x.ts', "export * from '../../renderer/app/App';\n", 'renderer'],
    ['main/server/x.ts', "export * from '../../db/open';\n", 'db'],
    ['main/server/x.ts', "import { createCoreApi } from '../api/core-api';\nexport { createCoreApi };\n", 'main/api'],
    ['main/contract/x.ts', "import { PaymentEngine } from '../engine/engine';\nexport { PaymentEngine };\n", 'main/engine'],
    ['main/contract/x.ts', "export * from '../services/certificate';\n", 'main/services'],
    ['main/contract/x.ts', "export * from '../../drivers/printer/queue';\n", 'drivers/printer'],
    ['main/services/x.ts', "export * from '../api/core-api';\n", 'main/api'],
    ['main/services/x.ts', "import { startCore } from '../core/core';\nexport { startCore };\n", 'main/core'],
  ];
  for (const [file, code, to] of crossings) {
    test(`${file} importing ${to}/ is reported`, async () => {
      const found = await problems(file, code);
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0] ?? '', new RegExp(`^sportello/boundaries: .* may not import ${to}/`));
    });
  }

  const allowed: [file: string, code: string][] = [
    ['db/x.ts', "import { SportelloError } from '../kernel/errors';\nexport { SportelloError };\n"],
    ['db/repos/x.ts', "export * from '../open';\n"],
    ['drivers/certificate/x.ts', "export * from '../printer/document';\nexport * from '../../locales/it/printer.json';\n"],
    ['main/engine/x.ts', "export * from '../protocol';\nexport * from '../node';\nexport type * from '../../db';\n"],
    ['main/core/x.ts', "export * from '../../sim/simulator';\nexport * from '../../drivers/payload';\n"],
    ['main/server/x.ts', "export * from '../contract/calls';\nexport type * from '../api/core-api';\n"],
    [
      'main/contract/x.ts',
      "import type { Session } from '../engine/session';\nimport { type Db } from '../../db/open';\nexport type { Session, Db };\n",
    ],
    ['main/services/x.ts', "import type { Core } from '../core/core';\nexport type { Core };\nexport * from '../engine/engine';\n"],
    ['main/api/x.ts', "export * from '../services/certificate';\nexport * from '../core/core';\n"],
    ['sim/x.ts', "export * from './config';\nexport * from 'node:http';\n"],
  ];
  for (const [file, code] of allowed) {
    test(`${file}: ${code.split('\n')[0]} is allowed`, async () => {
      assert.deepEqual(await problems(file, code), []);
    });
  }

  test('a folder with no row in the table is reported', async () => {
    const found = await problems('main/elsewhere/x.ts', 'export const a = 1;\n');
    assert.match(found.join('\n'), /main\/elsewhere\/ has no row/);
  });

  test('the renderer: types from main/, the contract client, the wedge detector; never db/', async () => {
    assert.match((await problems('renderer/app/x.ts', "export * from '../../main/engine/engine';\n")).join('\n'), /only types from main/);
    assert.match((await problems('renderer/app/x.ts', "export * from '../../db/open';\n")).join('\n'), /runs in a browser/);
    assert.match(
      (await problems('renderer/app/x.ts', "export * from '../../drivers/printer/queue';\n")).join('\n'),
      /only the keyboard-wedge detector/,
    );
    const fine =
      "export type * from '../../main/engine/engine';\nexport * from '../../main/contract/client';\nexport * from '../../drivers/scanner/wedge-detector';\n";
    assert.deepEqual(await problems('renderer/app/x.ts', fine), []);
  });

  test('only main/electron imports electron', async () => {
    assert.match((await problems('main/core/x.ts', "export * from 'electron';\n")).join('\n'), /Only main\/electron/);
    assert.deepEqual(await problems('main/electron/x.ts', "export * from 'electron';\n"), []);
  });
});

describe("ARCHITECTURE.md's table and the rule agree", () => {
  test('every core folder row lists exactly what the rule allows', async () => {
    const config = (await import(pathToFileURL(join(root, 'eslint.config.js')).href)) as { MAY_IMPORT: Record<string, string[]> };
    const table = new Map<string, string>();
    for (const line of readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8').split('\n')) {
      const m = /^\| `([a-z/]+?)\/?` \|.*\| ([^|]+) \|$/.exec(line);
      if (m?.[1] && m[2]) table.set(m[1], m[2].trim());
    }
    for (const [folder, may] of Object.entries(config.MAY_IMPORT)) {
      const listed = table.get(folder);
      assert.ok(listed !== undefined, `ARCHITECTURE.md has no row for ${folder}/`);
      const words =
        listed === 'nothing'
          ? []
          : listed.split(',').map((w) =>
              w
                .trim()
                .replace(/\/$/, '')
                .replace(/^types of /, 'type:'),
            );
      assert.deepEqual(words, may, `${folder}/: the table says "${listed}", the rule allows ${may.join(', ') || 'nothing'}`);
    }
  });
});

describe('type-aware habits', () => {
  // These rules need the TypeScript project, so synthetic text cannot show them firing here; the
  // test holds the configuration: every product folder gets them, as errors.
  test('floating promises, misused promises and non-exhaustive switches are errors in product code', async () => {
    const full = new ESLint({ cwd: root });
    for (const file of [
      'kernel/errors.ts',
      'main/engine/engine.ts',
      'main/api/core-api.ts',
      'drivers/payload/errors.ts',
      'db/open.ts',
      'sim/config.ts',
    ]) {
      const config = (await full.calculateConfigForFile(join(root, file))) as { rules: Record<string, unknown> };
      for (const rule of ['no-floating-promises', 'no-misused-promises', 'switch-exhaustiveness-check']) {
        const setting = config.rules[`@typescript-eslint/${rule}`];
        assert.equal(Array.isArray(setting) ? setting[0] : setting, 2, `${file}: ${rule}`);
      }
    }
  });
});
