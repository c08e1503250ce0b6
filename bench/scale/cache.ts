/**
 * The generated databases are kept between runs in the runner's cache folder (generating a
 * million payments takes minutes): `<name>.db` with `<name>.json` describing it. A file is reused
 * only when its description was written by this generator version for this schema version and
 * the file still has the size it had then; otherwise it is generated again.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_VERSION } from '../../db';
import { lastCheckOfCleanClose, recordCleanClose } from '../../db/file-check';
import { generateScaleDatabase, GENERATOR_VERSION, type ScaleDatabase } from './generate';

interface Described extends ScaleDatabase {
  generator: number;
  schema: number;
  bytes: number;
}

/**
 * The state a terminal's file is in after sportello closed it: a clean-close record. Written here
 * rather than earned through openDatabase's full quick_check, which reads every page of 4-5 GB
 * (minutes when the file is not in the page cache) and which the figure times on its own terms:
 * the file was just generated, or only read by earlier runs (a run stopped half-way leaves no
 * log to recover: then the record is written again).
 */
function vouch(path: string): void {
  if (lastCheckOfCleanClose(path) === null) recordCleanClose(path, Date.now());
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
        log(
          `scale: reusing ${path} (${payments.toLocaleString('en')} payments, generated in an earlier run in ${d.generatedSeconds.toFixed(0)} s)`,
        );
        vouch(path);
        return { ...d, generated: false };
      }
    } catch {
      // regenerate below
    }
  }
  log(`scale: generating ${payments.toLocaleString('en')} payments into ${path}...`);
  const db = generateScaleDatabase(path, payments, perDay);
  vouch(path);
  writeFileSync(
    about,
    `${JSON.stringify({ ...db, generator: GENERATOR_VERSION, schema: LATEST_VERSION, bytes: statSync(path).size } satisfies Described)}\n`,
  );
  log(`scale: generated in ${db.generatedSeconds.toFixed(0)} s`);
  return { ...db, generated: true };
}
