/**
 * `sportello parse "<text>" [--json] [--strict]`: what sportello makes of a scanner reading or a
 * typed `fiscalCode/noticeNumber`, for technicians checking a scanner's setup. Texts come from the
 * English locale file the screens use, so the CLI and the UI say the same thing.
 * Exit codes: 0 parsed, 1 not a valid notice, 2 usage.
 */
import { readFileSync } from 'node:fs';
import { printable } from './sanitize';
import { centsToAmount } from '../../kernel/money';
import { tryParseNotice, type NoticeWarning, type ParsedNotice } from '../../drivers/payload/index';

export type CliOutput = { out: (line: string) => void; err: (line: string) => void };

const stdio: CliOutput = {
  out: (line) => process.stdout.write(`${printable(line)}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const USAGE = [
  'usage: sportello parse "<text>" [--json] [--strict]',
  '',
  '  <text>     a scanner reading (pagoPA QR, Poste Data Matrix) or fiscalCode/noticeNumber',
  '  --json     print the result as JSON',
  '  --strict   refuse a notice number whose check digit does not match (default: warn)',
].join('\n');

type Catalogue = {
  kind: Record<string, string>;
  field: Record<string, string>;
  error: Record<string, string>;
  warning: Record<string, string>;
};

export async function parseCommand(args: string[], io: CliOutput = stdio): Promise<number> {
  let json = false;
  let strict = false;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    if (a === '--json') json = true;
    else if (a === '--strict') strict = true;
    else if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith('--')) {
      io.err(`sportello parse: unknown option '${a}'\n\n${USAGE}`);
      return 2;
    } else words.push(a);
  }
  if (words.length === 0) {
    io.err(USAGE);
    return 2;
  }
  // an unquoted `77777777777/3020 0010 0000 0094 07` arrives as several words
  const text = words.join(' ');
  const t = catalogue();
  const result = tryParseNotice(text, { strictCheckDigit: strict });
  if (result.ok) {
    if (json) io.out(JSON.stringify({ ok: true, notice: noticeJson(result.notice, t) }, null, 2));
    else io.out(summary(result.notice, t));
    return 0;
  }
  const e = result.error;
  // `message` is the technician's (which field, which offset); `display` is what the screens show
  const display = translate(t.error[e.reason], e.details) ?? e.message;
  if (json) {
    const error = { code: e.code, reason: e.reason, message: e.message, display, messageKey: e.messageKey, details: e.details };
    io.out(JSON.stringify({ ok: false, error }, null, 2));
  } else {
    io.err(
      [
        `not a valid notice (${e.reason}): ${display}`,
        `  detail: ${e.message}`,
        `  read:   ${String(e.details.read)}  [${String(e.details.length)} characters]`,
      ].join('\n'),
    );
  }
  return 1;
}

function noticeJson(n: ParsedNotice, t: Catalogue): Record<string, unknown> {
  return { ...n, warnings: n.warnings.map((w) => ({ ...w, message: warningText(w, t) })) };
}

function summary(n: ParsedNotice, t: Catalogue): string {
  const rows: Array<[string, string | null | undefined]> = [
    [t.field.noticeNumber ?? 'noticeNumber', n.noticeNumber],
    [t.field.fiscalCode ?? 'fiscalCode', n.fiscalCode],
    [t.field.amount ?? 'amount', n.amountCents === null ? null : `${centsToAmount(n.amountCents)} EUR`],
    [t.field.postalAccount ?? 'postalAccount', n.postalAccount],
    [t.field.iuv ?? 'iuv', n.iuv],
    ['aux digit', String(n.auxDigit)],
    ['segregation code', n.segregationCode],
    ['application code', n.applicationCode],
    ['check digit', n.checkDigitValid === null ? 'none (aux 1)' : n.checkDigitValid ? 'valid' : 'MISMATCH'],
    ['symbology', n.symbology && `${n.symbology} (${n.aimId ?? ''})`],
    [t.field.debtor ?? 'debtor', n.debtor && [n.debtor.name, n.debtor.fiscalCode].filter(Boolean).join(', ')],
    [t.field.subject ?? 'subject', n.subject],
  ];
  const shown = rows.filter((r): r is [string, string] => typeof r[1] === 'string' && r[1] !== '');
  const width = Math.max(...shown.map(([label]) => label.length));
  return [
    t.kind[n.kind] ?? n.kind,
    ...shown.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    ...n.warnings.map((w) => `warning (${w.code}): ${warningText(w, t)}`),
  ].join('\n');
}

function warningText(w: NoticeWarning, t: Catalogue): string {
  return translate(t.warning[w.code], w.details) ?? w.code;
}

/** i18next-style `{{name}}` interpolation from an error's or warning's details. */
function translate(template: string | undefined, details: Readonly<Record<string, unknown>>): string | undefined {
  return template?.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in details ? String(details[name]) : whole));
}

function catalogue(): Catalogue {
  const url = new URL('../../locales/en/payload.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Catalogue;
}
