/**
 * `sportello pay --notice TEXT [--notice TEXT ...] --tender cash|card|other [--amount-given CENTS] [--json]`
 * A scripted payment through the real engine: parse, verify, activate, tender, then wait (bounded)
 * for the outbox to deliver the outcomes. Anything still queued when it returns is delivered the
 * next time the core runs (`sportello serve`, the app, or another CLI command that starts the core).
 */
import { tryParseNotice } from '../../drivers/payload';
import { startCore } from '../core/core';
import { noticeRefOf } from '../core/notice-ref';
import type { SessionState, TenderMethod } from '../engine';
import { euro, flag, has, parseArgs, printError, printResult, UsageError } from './args';

const USAGE = 'usage: sportello pay --notice "<scanned text or fiscalCode/noticeNumber>" [--notice ...] --tender cash|card|other [--amount-given CENTS] [--wait-ms N] [--json]';

export async function payCommand(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { values: ['notice', 'tender', 'amount-given', 'wait-ms'] });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (has(args, 'help')) return (console.log(USAGE), 0);
  const json = has(args, 'json');
  const texts = args.flags.get('notice') ?? [];
  const method = (flag(args, 'tender') ?? 'cash') as TenderMethod;
  const given = flag(args, 'amount-given');
  if (texts.length === 0 || !['cash', 'card', 'other'].includes(method) || (given !== undefined && !/^\d+$/.test(given))) {
    console.error(USAGE);
    return 2;
  }
  const parsed = texts.map((t) => tryParseNotice(t));
  const bad = parsed.find((p) => !p.ok);
  if (bad && !bad.ok) {
    printError(json, bad.error);
    return 1;
  }
  const core = await startCore();
  try {
    if (!json && core.mode === 'demo') console.error(`demo mode: paying against the built-in simulator at ${core.sim?.url}`);
    const { engine } = core;
    let s = engine.startSession('cli');
    for (const p of parsed) if (p.ok) s = await engine.addNotice(s.id, noticeRefOf(p.notice));
    if (s.notices.some((n) => n.phase !== 'verified')) {
      await engine.cancel(s.id);
      report(json, engine.get(s.id), 'a notice could not be verified');
      return 1;
    }
    s = await engine.activate(s.id);
    if (s.status !== 'activated' || s.notices.some((n) => n.phase !== 'activated')) {
      if (s.status === 'activated') await engine.cancel(s.id);
      await core.outbox.drain();
      report(json, engine.get(s.id), 'a notice could not be activated');
      return 1;
    }
    s = await engine.tender(s.id, method, given === undefined ? null : Number(given));
    const deadline = Date.now() + Number(flag(args, 'wait-ms') ?? 30_000);
    while (engine.get(s.id).status === 'outcome-pending' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    s = engine.get(s.id);
    report(json, s, s.status === 'outcome-pending' ? 'outcome queued: the outbox delivers it when the node answers' : null);
    return ['completed', 'certified', 'outcome-pending'].includes(s.status) ? 0 : 1;
  } catch (e) {
    printError(json, e);
    return e instanceof UsageError ? 2 : 1;
  } finally {
    await core.close();
  }
}

function report(json: boolean, s: SessionState, note: string | null): void {
  printResult(json, { session: s, note }, () => {
    const lines = [`session ${s.id}: ${s.status}${note ? ` (${note})` : ''}`];
    for (const n of s.notices) {
      const amount = n.activation?.totalAmountCents ?? n.verification?.amountCents;
      lines.push(`  ${n.ref.fiscalCode}/${n.ref.noticeNumber}  ${n.phase}${amount !== undefined ? `  ${euro(amount)}` : ''}` +
        `${n.activation ? `  token ${n.activation.paymentToken}` : ''}${n.lastError ? `  ${n.lastError.faultCode ?? n.lastError.code}` : ''}`);
    }
    if (s.tender) lines.push(`  tender ${s.tender.method}: due ${euro(s.tender.dueCents)} (fee ${euro(s.tender.feeCents)}), change ${euro(s.tender.changeCents)}`);
    return lines.join('\n');
  });
}
