/**
 * Inspection commands over the terminal's own records, each a contract call through the core's API
 * (cli/api.ts: the running terminal's over HTTP, else in process):
 *   sportello sessions [--limit N] [--notice NUMBER | --token TOKEN] [--json]   sessions.list / sessions.search, session.get
 *   sportello outbox [list | retry ID | reset ID] [--json]                      outbox.status, outbox.list, outbox.attempts, outbox.retry, outbox.reset
 *   sportello journal [verify | export --csv] [--json]                          journal.list, journal.verify, journal.exportCsv
 * In process they open the core without running the outbox (`run: false`), so they never send
 * anything themselves; a retry or reset through a running terminal is sent by it at once.
 */
import type { OutboxMessageView, SessionState } from '../contract/schemas';
import { withCli } from './api';
import type { CliApi } from './api';
import { euro, flag, has, parseArgs, printError, printResult } from './args';
import type { ArgSpec, ParsedArgs } from './args';

async function withCore(
  argv: string[],
  command: string,
  spec: ArgSpec,
  fn: (api: CliApi, a: ParsedArgs, json: boolean) => number | Promise<number>,
): Promise<number> {
  let a: ParsedArgs;
  try {
    a = parseArgs(argv, spec);
  } catch (e) {
    console.error(`sportello ${command}: ${(e as Error).message}`);
    return 2;
  }
  const json = has(a, 'json');
  try {
    return await withCli({}, (api) => Promise.resolve(fn(api, a, json)));
  } catch (e) {
    printError(json, e);
    return 1;
  }
}

export function sessionsCommand(argv: string[]): Promise<number> {
  return withCore(argv, 'sessions', { values: ['limit', 'notice', 'token'], positionals: 0 }, async ({ call }, a, json) => {
    const notice = flag(a, 'notice');
    const token = flag(a, 'token');
    const { sessions: records } = token
      ? await call('sessions.search', { paymentToken: token })
      : notice
        ? await call('sessions.search', { noticeNumber: notice })
        : await call('sessions.list', { limit: Number(flag(a, 'limit') ?? 20) });
    const sessions: Array<SessionState & { createdAt: string; kind: string }> = [];
    for (const r of records) sessions.push({ ...(await call('session.get', { sessionId: r.id })), createdAt: r.createdAt, kind: r.kind });
    printResult(
      json,
      { sessions },
      () =>
        sessions
          .map(
            (s) =>
              `${s.createdAt}  ${s.id}  ${s.status.padEnd(16)} ${s.notices.length} notice(s)${s.tender ? `  ${euro(s.tender.dueCents)} ${s.tender.method}` : ''}`,
          )
          .join('\n') || 'no sessions',
    );
    return 0;
  });
}

/** Every message not settled yet, a page of the largest size the call takes at a time. */
async function unsettled({ call }: CliApi): Promise<OutboxMessageView[]> {
  const all: OutboxMessageView[] = [];
  for (let beforeId: number | undefined; ;) {
    const { messages } = await call('outbox.list', {
      states: ['pending', 'in-flight', 'stalled', 'parked', 'needs-decision'],
      limit: 500,
      ...(beforeId ? { beforeId } : {}),
    });
    all.push(...messages);
    if (messages.length < 500) return all;
    beforeId = Math.min(...messages.map((m) => m.id));
  }
}

export function outboxCommand(argv: string[]): Promise<number> {
  return withCore(argv, 'outbox', { positionals: 2 }, async (local, a, json) => {
    const { call } = local;
    const [sub = 'list', id] = a.positionals;
    if (sub === 'retry' || sub === 'reset') {
      if (!id || !/^\d+$/.test(id)) {
        console.error(`usage: sportello outbox ${sub} MESSAGE_ID`);
        return 2;
      }
      // Retry makes the message due now keeping its counter; reset also zeroes the counter.
      const m = await call(sub === 'reset' ? 'outbox.reset' : 'outbox.retry', { messageId: Number(id) });
      printResult(json, { message: m }, () => `message ${m.id}: ${m.state}, attempts ${m.attempts}, due now`);
      // A running terminal was woken by the call and sends it now; with none running, nobody sends.
      if (local.where === 'local' && !json)
        console.error('no terminal is running: it is sent when sportello next runs (the app, or sportello serve)');
      return 0;
    }
    if (sub !== 'list') {
      console.error('usage: sportello outbox [list | retry ID | reset ID] [--json]');
      return 2;
    }
    // The core's engine time (main/engine/clock.ts), which its deadlines are counted in.
    const now = (await call('system.info', {})).clock?.engineMs ?? Date.now();
    const messages: Array<OutboxMessageView & { msToDeadline: number; attemptLog: unknown[] }> = [];
    for (const m of await unsettled(local)) {
      messages.push({ ...m, msToDeadline: m.deadlineMs - now, attemptLog: (await call('outbox.attempts', { messageId: m.id })).attempts });
    }
    const depth = await call('outbox.status', {});
    printResult(json, { depth, messages }, () =>
      [
        `${depth.depth} outcome(s) pending, ${depth.stalled} stalled, ${depth.parked} parked (configuration), ${depth.needsDecision} waiting for a decision` +
          (depth.oldestDeadlineMs !== null ? `, nearest token expiry in ${Math.round((depth.oldestDeadlineMs - now) / 1000)} s` : ''),
        ...messages.map(
          (m) =>
            `  #${m.id} ${m.outcome} ${m.paymentToken} ${m.state}${m.stalled ? ' (attempts spent: probed until the node answers)' : m.state === 'parked' ? ' (refused for configuration: sent again when it changes)' : ''} attempts ${m.attempts}` +
            `${m.lastErrorCode ? ` last ${m.lastErrorCode}` : ''} expiry in ${Math.round(m.msToDeadline / 1000)} s`,
        ),
      ].join('\n'),
    );
    return 0;
  });
}

export function journalCommand(argv: string[]): Promise<number> {
  return withCore(argv, 'journal', { booleans: ['csv'], positionals: 1 }, async ({ call }, a, json) => {
    const [sub = 'list'] = a.positionals;
    if (sub === 'verify') {
      const v = await call('journal.verify', {});
      printResult(json, v, () => (v.ok ? `journal intact: ${v.count} entries` : `journal BROKEN at entry ${v.brokenAt}: ${v.reason}`));
      return v.ok ? 0 : 1;
    }
    if (sub === 'export') {
      if (!has(a, 'csv')) return (console.error('usage: sportello journal export --csv'), 2);
      // The contract's CSV (journal.exportCsv: canonical payloads, every hash recomputable), page by page, one header.
      for (let afterSeq = 0, first = true; ; first = false) {
        const page = await call('journal.exportCsv', { afterSeq, limit: 100_000 });
        if (page.count === 0 && !first) break;
        process.stdout.write(first ? page.csv : page.csv.slice(page.csv.indexOf('\r\n') + 2));
        if (page.lastSeq === null) break;
        afterSeq = page.lastSeq;
      }
      return 0;
    }
    const { entries } = await call('journal.list', { afterSeq: 0, limit: 100 });
    printResult(json, { entries }, () => entries.map((e) => `${e.seq} ${e.at} ${e.kind} ${e.sessionId ?? ''}`).join('\n'));
    return 0;
  });
}
