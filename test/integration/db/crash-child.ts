// Run as a child process by outbox.test.ts: records an attempt as the outbox worker does right
// before sending, then dies by SIGKILL, the way a power cut or a crash ends sportello, without
// closing the database.
import { openDatabase } from '../../../db/index';
import { activatedSession, T0 } from './fixture';

const [path, mode] = process.argv.slice(2);
if (!path) throw new Error('usage: crash-child.ts <db path> <attempt-open|tender-committed>');
const db = openDatabase(path, { clock: () => T0 });
const { session, notices } = activatedSession(db, [{ token: 'CRASH-TOKEN', expiresAtMs: T0 + 600_000 }]);
const message = db.transaction(() => {
  db.tenders.record({
    sessionId: session.id,
    method: 'cash',
    amountCents: 1000,
    feeCents: 0,
    givenCents: 1000,
    changeCents: 0,
    terminalId: 'T-01',
  });
  db.journal.append('tender', { sessionId: session.id, amountCents: 1000 }, session.id);
  return db.outbox.enqueue({
    sessionId: session.id,
    noticeId: notices[0]!.id,
    paymentToken: 'CRASH-TOKEN',
    outcome: 'OK',
    details: null,
    deadlineMs: T0 + 600_000,
  });
});
if (mode === 'attempt-open') {
  db.outbox.markInFlight(message.id);
  db.outbox.recordAttemptStart(message.id, 'PSP_CRASH00001');
}
process.kill(process.pid, 'SIGKILL');
