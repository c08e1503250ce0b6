/**
 * The kiosk's controller: one step at a time, each move a contract call. The session is started
 * with the first notice and cancelled whenever the citizen leaves before paying (a button, or the
 * inactivity reset), so an activated token always gets its KO. Amounts come from the core only.
 */
import { useCallback, useRef, useState } from 'react';
import type { ContractError } from '../../main/contract/result';
import { useClient, useEvent, useSystemInfo } from '../app/ClientProvider';
import { useI18n } from '../app/i18n/I18nProvider';
import type { Lang } from '../app/i18n/translate';
import { problemOfError } from './problems';
import { afterActivate, afterOutcome, afterVerify } from './steps';
import type { Problem, Session, Step } from './steps';

/** Sessions a citizen may walk away from: the reset cancels them (a KO for an activated token). */
const OPEN: ReadonlySet<Session['status']> = new Set(['cart', 'activated']);

function problemOf(e: ContractError): Problem {
  const detailKey = typeof e.details?.messageKey === 'string' ? e.details.messageKey : undefined;
  return { key: problemOfError(e), ...(detailKey ? { detailKey } : {}) };
}

export function useKioskFlow() {
  const client = useClient();
  const info = useSystemInfo();
  const { setLang } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'language' });
  /** Readings taken so far (scanned or typed): shown on the page, so a test can tell a new answer from an old one. */
  const [readings, setReadings] = useState(0);
  const session = useRef<string | null>(null);
  /** Bumped on every reset: answers to calls made before it are dropped. */
  const generation = useRef(0);

  const guard = () => {
    const g = generation.current;
    return (next: Step) => {
      if (g === generation.current) setStep(next);
    };
  };

  const closeSession = useCallback(async () => {
    const id = session.current;
    session.current = null;
    if (!id) return;
    const s = await client.call('session.get', { sessionId: id });
    if (s.ok && OPEN.has(s.value.status)) await client.call('session.cancel', { sessionId: id });
  }, [client]);

  /** Back to the first screen, in the terminal's language, with nothing left open. */
  const reset = useCallback(async () => {
    generation.current++;
    setStep({ kind: 'language' });
    setLang(info.terminal.locale);
    await closeSession();
  }, [closeSession, info.terminal.locale, setLang]);

  const chooseLanguage = useCallback(
    (lang: Lang) => {
      setLang(lang);
      setStep({ kind: 'scan', problem: null });
    },
    [setLang],
  );

  const addNotice = useCallback(
    async (request: { text: string } | { manual: { fiscalCode: string; noticeNumber: string } }) => {
      const set = guard();
      setReadings((n) => n + 1);
      set({ kind: 'busy', what: 'checking' });
      // One notice per kiosk payment: a new reading starts over.
      await closeSession();
      const started = await client.call('session.start', { kind: 'kiosk' });
      if (!started.ok) return set({ kind: 'problem', problem: problemOf(started.error) });
      session.current = started.value.id;
      const added = await client.call('session.addNotice', { sessionId: started.value.id, ...request });
      if (!added.ok) {
        await closeSession();
        // A reading sportello cannot use: say why on the scan screen and let the citizen try again.
        return set(
          added.error.code === 'PAYLOAD_INVALID'
            ? { kind: 'scan', problem: problemOf(added.error) }
            : { kind: 'problem', problem: problemOf(added.error) },
        );
      }
      const next = afterVerify(added.value.session);
      if (next.kind !== 'details') await closeSession();
      set(next);
    },
    [client, closeSession],
  );

  const reserve = useCallback(async () => {
    const id = session.current;
    if (!id) return;
    const set = guard();
    set({ kind: 'busy', what: 'reserving' });
    const activated = await client.call('session.activate', { sessionId: id });
    if (!activated.ok) {
      await closeSession();
      return set({ kind: 'problem', problem: problemOf(activated.error) });
    }
    const verdict = afterActivate(activated.value);
    if (!verdict.ok) {
      await closeSession();
      return set(verdict.step);
    }
    const quote = await client.call('session.quote', { sessionId: id, method: 'card' });
    if (!quote.ok) {
      await closeSession();
      return set({ kind: 'problem', problem: problemOf(quote.error) });
    }
    set({ kind: 'total', session: activated.value, quote: quote.value });
  }, [client, closeSession]);

  const payByCard = useCallback(async () => {
    if (step.kind !== 'total' && step.kind !== 'card-problem') return;
    const { session: s, quote } = step;
    const set = guard();
    set({ kind: 'card', session: s, quote });
    const r = await client.call('kiosk.payByCard', { sessionId: s.id });
    if (!r.ok) {
      await closeSession();
      return set({ kind: 'problem', problem: problemOf(r.error) });
    }
    const v = r.value;
    switch (v.result) {
      case 'approved': {
        const where = afterOutcome(v.session);
        session.current = null; // paid: nothing to cancel any more
        return set(
          where === 'receipt'
            ? { kind: 'receipt', session: v.session }
            : where === 'staff'
              ? { kind: 'problem', problem: { key: 'needs-staff' } }
              : { kind: 'confirming', session: v.session },
        );
      }
      case 'reversed':
        await closeSession();
        return set({ kind: 'problem', problem: { key: 'reversed' } });
      default:
        return set({ kind: 'card-problem', session: v.session, quote, result: v.result, reason: v.reason });
    }
  }, [client, closeSession, step]);

  const cancelCard = useCallback(async () => {
    if (step.kind !== 'card') return;
    await client.call('kiosk.cancelCard', { sessionId: step.session.id });
  }, [client, step]);

  const cancelPayment = useCallback(async () => {
    generation.current++;
    setStep({ kind: 'busy', what: 'cancelling' });
    await closeSession();
    await reset();
  }, [closeSession, reset]);

  // The outcome travels to the node after the tender: the receipt follows when it is accepted.
  useEvent('session.updated', (s) => {
    if (step.kind !== 'confirming' || s.id !== step.session.id) return;
    const where = afterOutcome(s);
    if (where === 'receipt') setStep({ kind: 'receipt', session: s });
    else if (where === 'staff') setStep({ kind: 'problem', problem: { key: 'needs-staff' } });
  });

  /** The node is slow: the citizen leaves with the pending slip, the outbox delivers the outcome. */
  const receiptNow = useCallback(() => {
    if (step.kind === 'confirming') setStep({ kind: 'receipt', session: step.session });
  }, [step]);

  return {
    step,
    readings,
    setStep,
    reset,
    chooseLanguage,
    addNotice,
    reserve,
    payByCard,
    cancelCard,
    cancelPayment,
    receiptNow,
  };
}
