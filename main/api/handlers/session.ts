/**
 * The payment calls: each one is an engine method or one engine event. The engine decides what is
 * allowed (a refused event is EVENT_NOT_ALLOWED / EVENT_INVALID); these only translate.
 */
import { tryParseManualNotice, tryParseNotice } from '../../../drivers/payload';
import { noticeRefOf } from '../../core/notice-ref';
import type { HandlerContext, Handlers } from './types';

/** session.addService is the spontaneous payments' (handlers/services.ts). */
type SessionCalls = Exclude<Extract<keyof Handlers, `session.${string}`>, 'session.addService'>;

export function sessionHandlers({ core }: HandlerContext): Handlers<SessionCalls> {
  const { engine } = core;
  return {
    'session.start': (r, caller) => {
      const kind = r.kind ?? core.config.terminal.kind;
      // Money taken at a counter goes into the open shift's drawer (its X/Z reports count it).
      const shift = kind === 'counter' ? core.db.shifts.current(core.config.terminal.id) : null;
      // A signed-in operator is who the session is written on, whatever the request says.
      const operatorId = caller.kind === 'operator' ? caller.operatorId : (r.operatorId ?? shift?.operatorId ?? null);
      return engine.startSession(kind, operatorId, shift?.id ?? null);
    },
    'session.get': (r) => engine.get(r.sessionId),
    'session.addNotice': async (r) => {
      const opts = { strictCheckDigit: core.config.terminal.strictCheckDigit };
      const parsed = r.manual ? tryParseManualNotice(r.manual, opts) : tryParseNotice(r.text ?? '', opts);
      // PayloadInvalid carries reason and messageKey in its details: the screen translates it.
      if (!parsed.ok) throw parsed.error;
      const session = await engine.addNotice(r.sessionId, noticeRefOf(parsed.notice));
      return { session, warnings: parsed.notice.warnings };
    },
    'session.removeNotice': (r) => engine.apply(r.sessionId, { type: 'notice-removed', noticeId: r.noticeId }),
    'session.activate': (r) => engine.activate(r.sessionId),
    'session.quote': (r) => engine.quote(r.sessionId, r.method, r.givenCents ?? null, r.cardKind),
    'session.tender': async (r, caller) => {
      const session = await engine.tender(r.sessionId, r.method, r.givenCents ?? null, r.cardKind);
      // What the operator copied from the card terminal or the other means' receipt: journaled with
      // the tender (the certificate prints it); the engine's tender record stays as it is.
      if (r.details && Object.keys(r.details).length > 0) {
        const payload = {
          method: r.method,
          amountCents: session.tender?.dueCents ?? null,
          by: caller.operatorId ?? caller.kind,
          ...r.details,
        };
        core.db.journal.append('tender-details', payload, r.sessionId);
      }
      return session;
    },
    'session.cancel': (r) => engine.cancel(r.sessionId),
    'session.decide': (r) => engine.apply(r.sessionId, { type: 'decision-made', decision: r.decision }),
    'session.recordRefund': (r) => engine.apply(r.sessionId, { type: 'refund-recorded', note: r.note }),
  };
}
