/**
 * One payment through the real engine, as the counter makes it: a session, the notice (verify),
 * the activation, the cash tender (one transaction with its OK outcome), and, when asked, the wait
 * until the outbox has had the outcome accepted by the node.
 */
import type { PaymentEngine, SessionState, SessionStatus } from '../../main/engine';
import type { QrCode } from '../../main/protocol';
import { BenchCheckFailed } from './errors';

/** Resolves on the engine's 'session' event that brings the session to one of `wanted`. */
export function sessionReaches(
  engine: PaymentEngine,
  sessionId: string,
  wanted: readonly SessionStatus[],
  timeoutMs = 60_000,
): Promise<SessionState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      engine.off('session', onSession);
      reject(
        new BenchCheckFailed(`session ${sessionId} did not reach ${wanted.join('/')} in ${timeoutMs} ms`, {
          status: engine.get(sessionId).status,
        }),
      );
    }, timeoutMs);
    const onSession = (s: SessionState) => {
      if (s.id !== sessionId || !wanted.includes(s.status)) return;
      clearTimeout(timer);
      engine.off('session', onSession);
      resolve(s);
    };
    engine.on('session', onSession);
  });
}

function expect(state: SessionState, status: SessionStatus, step: string): void {
  if (state.status !== status) {
    throw new BenchCheckFailed(`payment ${state.id}: ${step} left the session ${state.status}, not ${status}`, {
      lastError: state.notices[0]?.lastError ?? null,
    });
  }
}

export interface PaymentOptions {
  amountCents: number;
  operatorId?: string | null;
  shiftId?: string | null;
  /** Wait for the node to accept the outcome (the outbox must be running). */
  waitOutcome: boolean;
}

export async function pay(engine: PaymentEngine, notice: QrCode, o: PaymentOptions): Promise<SessionState> {
  const s = engine.startSession('counter', o.operatorId ?? null, o.shiftId ?? null);
  expect(await engine.addNotice(s.id, { ...notice, scannedAmountCents: o.amountCents, source: 'qr' }), 'cart', 'verify');
  expect(await engine.activate(s.id), 'activated', 'activation');
  const done = o.waitOutcome ? sessionReaches(engine, s.id, ['completed']) : null;
  const tendered = await engine.tender(s.id, 'cash', null);
  if (!done) {
    expect(tendered, 'outcome-pending', 'tender');
    return tendered;
  }
  return done;
}
