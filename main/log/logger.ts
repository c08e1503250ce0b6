/**
 * The core's structured log (pino, one JSON object a line) in `<dataDir>/logs/sportello.log`,
 * rotated by size (rotating-file.ts). What goes in is an event name and a few fields: codes, ids and
 * states, never payloads. Secrets never reach the file: a field named like a secret (the config's
 * secret fields, the credential headers of main/config/mask.ts, PINs, tokens) is masked, and every
 * configured secret value is masked wherever it appears in a line. The level is the technician's,
 * changed while running. Logging never throws and never stops the core.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { SECRET_FIELDS, SECRET_HEADERS, URL_MASK } from '../config';
import { LOG_FILE, RotatingFile } from './rotating-file';
import type { RotationOptions } from './rotating-file';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';
/** The database setting holding the technician's level (read at start, written by technician.setLogLevel). */
export const LOG_LEVEL_SETTING = 'log.level';

/** What the diagnostics bundle takes of the log by default: the newest lines, bounded twice. */
export const TAIL_LINES = 2_000;
export const TAIL_BYTES = 512 * 1024;

/** Field names whose value is a credential, compared lower case without dashes or underscores. */
const SECRET_KEYS: ReadonlySet<string> = new Set(
  [
    ...SECRET_FIELDS.map((f) => f.split('.')[1]!),
    ...SECRET_HEADERS,
    'pin',
    'currentPin',
    'newPin',
    'auth',
    'token',
    'apiToken',
    'credential',
    'secret',
  ].map(normalize),
);

function normalize(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

export interface CoreLogOptions extends Omit<RotationOptions, 'fallback'> {
  level?: LogLevel;
  /** Values masked wherever they appear (the configured password, subscription key, endpoint secrets). */
  secrets?: readonly string[];
  fallback?: RotationOptions['fallback'];
}

export interface CoreLog {
  level(): LogLevel;
  setLevel(level: LogLevel): void;
  debug(event: string, data?: Record<string, unknown>): void;
  info(event: string, data?: Record<string, unknown>): void;
  warn(event: string, data?: Record<string, unknown>): void;
  error(event: string, data?: Record<string, unknown>): void;
  /** The file being written, and why it is not when it is not. */
  file(): { path: string; unavailable: string | null };
  /** The newest lines of the current and rotated files, oldest first, within both bounds; already redacted. */
  tail(maxLines?: number, maxBytes?: number): { lines: string[]; truncated: boolean };
  close(): void;
}

/** A copy with credential fields masked and errors reduced to their code and message. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { ...(typeof code === 'string' ? { code } : {}), message: value.message };
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactFields(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(normalize(k)) ? URL_MASK : redactFields(v, depth + 1);
    return out;
  }
  return value;
}

/** Masks each secret value in a line: longest first, so a secret containing another is masked whole. */
function scrubber(secrets: readonly string[]): (line: string) => string {
  const values = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  // The value as it stands in a JSON string, too: quotes and backslashes are escaped there.
  const forms = values.flatMap((v) => [...new Set([v, JSON.stringify(v).slice(1, -1)])]);
  return (line) => forms.reduce((t, secret) => t.split(secret).join(URL_MASK), line);
}

export function createCoreLog(o: CoreLogOptions): CoreLog {
  const file = new RotatingFile(o);
  const scrub = scrubber(o.secrets ?? []);
  const destination = { write: (line: string) => file.write(scrub(line)) };
  const logger: Logger = pino(
    {
      level: o.level ?? DEFAULT_LOG_LEVEL,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const at =
    (level: LogLevel) =>
    (event: string, data: Record<string, unknown> = {}): void => {
      try {
        logger[level]({ event, ...(redactFields(data) as Record<string, unknown>) });
      } catch {
        // a log line is never worth a failed payment
      }
    };
  return {
    level: () => logger.level as LogLevel,
    setLevel(level) {
      logger.level = level;
    },
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    file: () => ({ path: file.path, unavailable: file.unavailable() }),
    tail: (maxLines = TAIL_LINES, maxBytes = TAIL_BYTES) => tailOf(file, maxLines, maxBytes, scrub),
    close: () => file.close(),
  };
}

/** Reads the files newest first (sportello.log, .1, .2, …), from their ends, until a bound is reached. */
function tailOf(file: RotatingFile, maxLines: number, maxBytes: number, scrub: (s: string) => string) {
  const newestFirst: string[] = [];
  let bytes = 0;
  let truncated = false;
  for (let i = 0; i < file.files; i++) {
    const path = i === 0 ? `${file.dir}/${LOG_FILE}` : `${file.dir}/${LOG_FILE}.${i}`;
    let text: string;
    try {
      text = readEnd(path, maxBytes - bytes);
    } catch {
      break;
    }
    const lines = text.split('\n').filter((l) => l.length > 0);
    for (let j = lines.length - 1; j >= 0; j--) {
      const line = lines[j]!;
      if (newestFirst.length >= maxLines || bytes + line.length + 1 > maxBytes) {
        truncated = true;
        break;
      }
      newestFirst.push(scrub(line));
      bytes += Buffer.byteLength(line) + 1;
    }
    if (truncated) break;
  }
  return { lines: newestFirst.reverse(), truncated };
}

/** The last `limit` bytes of a file, starting at a line boundary. */
function readEnd(path: string, limit: number): string {
  const size = statSync(path).size;
  const length = Math.min(size, Math.max(0, limit));
  const buf = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const text = buf.toString('utf8');
  // A cut line is not a line: drop what precedes the first newline unless the whole file was read.
  return length < size ? text.slice(text.indexOf('\n') + 1) : text;
}
