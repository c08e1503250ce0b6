/**
 * `sportello pay --notice TEXT [--notice TEXT ...] [--service ID --data FILE.xml ...] --tender cash|card|other [--amount-given CENTS] [--json]`
 * A scripted payment through the core's API (cli/api.ts): parse, verify, activate, tender, then wait (bounded)
 * for the outbox to deliver the outcomes. With a terminal running, the payment is made on it (its
 * outbox keeps sending after the command ends); otherwise on a core started here, and anything
 * still queued when it returns is delivered the next time the core runs (`sportello serve`, the app).
 * `--service ID --data FILE.xml` (repeatable, paired in order): a spontaneous payment, the file being
 * the service's datiSpecificiServizio document sent as it is (demandPaymentNotice); the notice the
 * creditor creates joins the cart after the scanned ones.
 */
import { readFileSync } from 'node:fs';
import { tryParseNotice } from '../../drivers/payload';
import type { SessionState } from '../contract/schemas';
import { buildTender } from '../engine';
import type { TenderMethod } from '../engine';
import { withCli } from './api';
import { euro, flag, has, parseArgs, printError, printResult, UsageError } from './args';
import type { ParsedArgs } from './args';

const USAGE =
  'usage: sportello pay --notice "<scanned text or fiscalCode/noticeNumber>" [--notice ...] [--service ID --data FILE.xml ...] --tender cash|card|other [--amount-given CENTS] [--wait-ms N] [--json]';

export async function payCommand(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  let request: PayRequest;
  try {
    args = parseArgs(argv, { values: ['notice', 'service', 'data', 'tender', 'amount-given', 'wait-ms'] });
    if (has(args, 'help')) return (console.log(USAGE), 0);
    request = payRequest(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // One line naming the argument: the usage is one `--help` away.
    console.error(`sportello pay: ${e.message}`);
    return 2;
  }
  const json = has(args, 'json');
  const { texts, services, method, givenCents, waitMs } = request;
  const parsed = texts.map((t) => tryParseNotice(t));
  const bad = parsed.find((p) => !p.ok);
  if (bad && !bad.ok) {
    printError(json, bad.error);
    return 1;
  }
  try {
    // Through the core's API (cli/api.ts), with the outbox running to deliver the outcomes.
    return await withCli({ run: true }, async ({ call, flush }) => {
      const info = await call('system.info', {});
      if (!json && info.mode === 'demo') console.error(`demo mode: paying against the built-in simulator at ${info.nodeEndpoint}`);
      const sessionId = (await call('session.start', { kind: 'cli' })).id;
      let s: SessionState = await call('session.get', { sessionId });
      for (const text of texts) s = (await call('session.addNotice', { sessionId, text })).session;
      if (services.length > 0 && (await call('catalogue.status', {})).state === 'none') await call('catalogue.refresh', {});
      for (const { id, xml } of services) {
        try {
          s = (await call('session.addService', { sessionId, idSoggettoServizio: id, xml })).session;
        } catch (e) {
          // SERVICE_UNKNOWN, SERVICE_DATA_REFUSED (details.field), CREDITOR_UNREACHABLE...: nothing was added.
          await call('session.cancel', { sessionId });
          printError(json, e);
          return 1;
        }
      }
      if (s.notices.some((n) => n.phase !== 'verified')) {
        await call('session.cancel', { sessionId });
        report(json, await call('session.get', { sessionId }), 'a notice could not be verified');
        return 1;
      }
      // The tender is checked against what was verified BEFORE any token is taken: a refusal after
      // activation would leave a KO to send and the notice "in progress" at the node for a while.
      const verified = s.notices.map((n) => n.verification!.amountCents);
      try {
        buildTender(method, verified, (await call('config.get', {})).config.fees, givenCents);
      } catch (e) {
        await call('session.cancel', { sessionId });
        printError(json, e);
        return 1;
      }
      s = await call('session.activate', { sessionId });
      if (s.status !== 'activated' || s.notices.some((n) => n.phase !== 'activated')) {
        if (s.status === 'activated') await call('session.cancel', { sessionId });
        await flush();
        report(json, await call('session.get', { sessionId }), 'a notice could not be activated');
        return 1;
      }
      try {
        s = await call('session.tender', { sessionId, method, ...(givenCents !== null ? { givenCents } : {}) });
      } catch (e) {
        // Refused after all (the tokens are for other amounts than verified): nothing is collected, the KO goes now.
        await call('session.cancel', { sessionId });
        await flush();
        printError(json, e);
        return 1;
      }
      const deadline = Date.now() + waitMs;
      while (s.status === 'outcome-pending' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        s = await call('session.get', { sessionId });
      }
      report(json, s, s.status === 'outcome-pending' ? 'outcome queued: the outbox delivers it when the node answers' : null);
      return ['completed', 'certified', 'outcome-pending'].includes(s.status) ? 0 : 1;
    });
  } catch (e) {
    // A storage refusal (DB_CORRUPT, DB_EMPTIED, STORAGE_UNAVAILABLE...) is one typed line, not a stack.
    printError(json, e);
    return e instanceof UsageError ? 2 : 1;
  }
}

interface PayRequest {
  texts: string[];
  /** Spontaneous payments: the provider's idSoggettoServizio and its datiSpecificiServizio document. */
  services: { id: string; xml: string }[];
  method: TenderMethod;
  /** Cash handed over; null for card and other, and for cash given exactly. */
  givenCents: number | null;
  waitMs: number;
}

const METHODS: readonly TenderMethod[] = ['cash', 'card', 'other'];

/** The arguments as a typed request, or a UsageError naming the argument that is wrong. */
export function payRequest(args: ParsedArgs): PayRequest {
  const texts = args.flags.get('notice') ?? [];
  const ids = args.flags.get('service') ?? [];
  const files = args.flags.get('data') ?? [];
  if (ids.length !== files.length) throw new UsageError('each --service needs its --data FILE.xml (the service data document)');
  if (texts.length === 0 && ids.length === 0)
    throw new UsageError('--notice is required (the scanned text or fiscalCode/noticeNumber), or --service ID --data FILE.xml');
  const services = ids.map((id, i) => {
    if (!/^[A-Za-z0-9]{1,35}$/.test(id))
      throw new UsageError(`--service must be the service's idSoggettoServizio (e.g. 00301), not '${id}'`);
    let xml: string;
    try {
      xml = readFileSync(files[i]!, 'utf8');
    } catch (e) {
      throw new UsageError(`--data ${files[i]}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (xml.trim() === '') throw new UsageError(`--data ${files[i]}: the file is empty`);
    return { id, xml };
  });
  const tender = flag(args, 'tender');
  // No default: a payment never takes a means of payment nobody named.
  if (tender === undefined) throw new UsageError('--tender is required: cash, card or other');
  if (!(METHODS as readonly string[]).includes(tender)) throw new UsageError(`--tender must be cash, card or other, not '${tender}'`);
  const method = tender as TenderMethod;
  const given = flag(args, 'amount-given');
  if (given !== undefined && method !== 'cash') throw new UsageError('--amount-given is for --tender cash only');
  const givenCents = given === undefined ? null : wholeNumber('--amount-given', given);
  const wait = flag(args, 'wait-ms');
  const waitMs = wait === undefined ? 30_000 : wholeNumber('--wait-ms', wait);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  return { texts, services, method, givenCents, waitMs };
}

function wholeNumber(name: string, text: string): number {
  const n = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${name} must be a whole number (euro cents for an amount), not '${text}'`);
  return n;
}

function report(json: boolean, s: SessionState, note: string | null): void {
  printResult(json, { session: s, note }, () => {
    const lines = [`session ${s.id}: ${s.status}${note ? ` (${note})` : ''}`];
    for (const n of s.notices) {
      const amount = n.activation?.totalAmountCents ?? n.verification?.amountCents;
      lines.push(
        `  ${n.ref.fiscalCode}/${n.ref.noticeNumber}  ${n.phase}${amount !== undefined ? `  ${euro(amount)}` : ''}` +
          `${n.activation ? `  token ${n.activation.paymentToken}` : ''}${n.lastError ? `  ${n.lastError.faultCode ?? n.lastError.code}` : ''}`,
      );
    }
    if (s.tender)
      lines.push(
        `  tender ${s.tender.method}: due ${euro(s.tender.dueCents)} (fee ${euro(s.tender.feeCents)}), change ${euro(s.tender.changeCents)}`,
      );
    return lines.join('\n');
  });
}
