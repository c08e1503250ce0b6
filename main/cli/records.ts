/**
 * Inspection commands over the terminal's own records:
 *   sportello sessions [--limit N] [--notice NUMBER | --token TOKEN] [--json]
 *   sportello outbox [list | retry ID | reset ID] [--json]
 *   sportello journal [verify | export --csv] [--json]
 * They open the core without running the outbox (`run: false`), so they never send anything.
 */
import { startCore } from '../core/core';
import type { Core } from '../core/core';
import { euro, flag, has, parseArgs, printError, printResult } from './args';
import type { ParsedArgs } from './args';

async function withCore(argv: string[], spec: { values?: string[]; booleans?: string[] }, fn: (core: Core, a: ParsedArgs, json: boolean) => number | Promise<number>): Promise<number> {
  let a: ParsedArgs;
  try {
    a = parseArgs(argv, spec);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const json = has(a, 'json');
  let core: Core | null = null;
  try {
    core = await startCore({ run: false });
    return await fn(core, a, json);
  } catch (e) {
    printError(json, e);
    return 1;
  } finally {
    await core?.close();
  }
}

export function sessionsCommand(argv: string[]): Promise<number> {
  return withCore(argv, { values: ['limit', 'notice', 'token'] }, (core, a, json) => {
    const notice = flag(a, 'notice');
    const token = flag(a, 'token');
    const records = token
      ? [core.db.sessions.findByPaymentToken(token)].filter((x) => x !== null)
      : notice ? core.db.sessions.findByNoticeNumber(notice) : core.db.sessions.listRecent({ limit: Number(flag(a, 'limit') ?? 20) });
    const sessions = records.map((r) => ({ ...core.engine.get(r.id), createdAt: r.createdAt, kind: r.kind }));
    printResult(json, { sessions }, () => sessions.map((s) =>
      `${s.createdAt}  ${s.id}  ${s.status.padEnd(16)} ${s.notices.length} notice(s)${s.tender ? `  ${euro(s.tender.dueCents)} ${s.tender.method}` : ''}`).join('\n') || 'no sessions');
    return 0;
  });
}

export function outboxCommand(argv: string[]): Promise<number> {
  return withCore(argv, {}, (core, a, json) => {
    const [sub = 'list', id] = a.positionals;
    const { outbox } = core.db;
    if (sub === 'retry' || sub === 'reset') {
      if (!id || !/^\d+$/.test(id)) {
        console.error(`usage: sportello outbox ${sub} MESSAGE_ID`);
        return 2;
      }
      // Retry makes the message due now keeping its counter; reset also zeroes the counter.
      const m = sub === 'reset' ? core.engine.resetOutcome(Number(id)) : outbox.retryNow(Number(id));
      core.db.journal.append(`outbox-${sub}`, { messageId: m.id }, m.sessionId);
      printResult(json, { message: m }, () => `message ${m.id}: ${m.state}, attempts ${m.attempts}, due now`);
      return 0;
    }
    if (sub !== 'list') {
      console.error('usage: sportello outbox [list | retry ID | reset ID] [--json]');
      return 2;
    }
    const now = core.engine.now();
    const messages = outbox.list({ states: ['pending', 'in-flight', 'stalled', 'parked', 'needs-decision'] }).map((m) => ({
      ...m, stalled: m.state === 'stalled', msToDeadline: m.deadlineMs - now, attemptLog: outbox.attempts(m.id),
    }));
    const depth = outbox.pending();
    printResult(json, { depth, messages }, () => [
      `${depth.depth} outcome(s) pending, ${depth.stalled} stalled, ${depth.parked} parked (configuration), ${depth.needsDecision} waiting for a decision` +
        (depth.oldestDeadlineMs !== null ? `, nearest token expiry in ${Math.round((depth.oldestDeadlineMs - now) / 1000)} s` : ''),
      ...messages.map((m) => `  #${m.id} ${m.outcome} ${m.paymentToken} ${m.state}${m.stalled ? ' (attempts spent: probed until the node answers)' : m.state === 'parked' ? ' (refused for configuration: sent again when it changes)' : ''} attempts ${m.attempts}` +
        `${m.lastErrorCode ? ` last ${m.lastErrorCode}` : ''} expiry in ${Math.round(m.msToDeadline / 1000)} s`),
    ].join('\n'));
    return 0;
  });
}

export function journalCommand(argv: string[]): Promise<number> {
  return withCore(argv, { booleans: ['csv'] }, (core, a, json) => {
    const [sub = 'list'] = a.positionals;
    const { journal } = core.db;
    if (sub === 'verify') {
      const v = journal.verify();
      printResult(json, v, () => (v.ok ? `journal intact: ${v.count} entries` : `journal BROKEN at entry ${v.brokenAt}: ${v.reason}`));
      return v.ok ? 0 : 1;
    }
    if (sub === 'export') {
      if (!has(a, 'csv')) return (console.error('usage: sportello journal export --csv'), 2);
      const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
      console.log('seq,at,kind,session_id,payload,hash');
      for (let after = 0; ;) {
        const page = journal.list(after, 1000);
        if (page.length === 0) break;
        for (const e of page) console.log([e.seq, e.at, e.kind, e.sessionId ?? '', quote(JSON.stringify(e.payload)), e.hash].join(','));
        after = page.at(-1)!.seq;
      }
      return 0;
    }
    const entries = journal.list(0, 100);
    printResult(json, { entries }, () => entries.map((e) => `${e.seq} ${e.at} ${e.kind} ${e.sessionId ?? ''}`).join('\n'));
    return 0;
  });
}
