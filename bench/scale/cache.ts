/**
 * The generated databases are kept between runs in the runner's cache folder (generating a
 * million payments takes minutes): `<name>.db` with `<name>.json` describing it. A file is reused
 * only when its description was written by this generator version for this schema version and
 * the file still has the size it had then; otherwise it is generated again.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_VERSION, openDatabase } from '../../db';
import { generateScaleDatabase, GENERATOR_VERSION, type ScaleDatabase } from './generate';

interface Described extends ScaleDatabase {
  generator: number;
  schema: number;
  bytes: number;
}

export interface CachedScaleDatabase extends ScaleDatabase {
  /** Generated in this run (false: reused from an earlier run). */
  generated: boolean;
}

export function scaleDatabase(cacheDir: string, payments: number, perDay: number, log: (line: string) => void): CachedScaleDatabase {
  const name = `scale-g${GENERATOR_VERSION}-s${LATEST_VERSION}-${payments}-${perDay}`;
  const path = join(cacheDir, `${name}.db`);
  const about = join(cacheDir, `${name}.json`);
  if (existsSync(path) && existsSync(about)) {
    try {
      const d = JSON.parse(readFileSync(about, 'utf8')) as Described;
      if (d.generator === GENERATOR_VERSION && d.schema === LATEST_VERSION && d.bytes === statSync(path).size && d.path === path) {
        log(`scale: reusing ${path} (${payments.toLocaleString('en')} payments, generated in an earlier run in ${d.generatedSeconds.toFixed(0)} s)`);
        return { ...d, generated: false };
      }
    } catch {
      // regenerate below
    }
  }
  log(`scale: generating ${payments.toLocaleString('en')} payments into ${path}...`);
  const db = generateScaleDatabase(path, payments, perDay);
  // One open and close through the core's own door: migrations current, the clean-close record written.
  openDatabase(path).close();
  writeFileSync(about, `${JSON.stringify({ ...db, generator: GENERATOR_VERSION, schema: LATEST_VERSION, bytes: statSync(path).size } satisfies Described)}\n`);
  log(`scale: generated in ${db.generatedSeconds.toFixed(0)} s`);
  return { ...db, generated: true };
}
