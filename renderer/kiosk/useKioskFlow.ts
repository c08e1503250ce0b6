/**
 * The kiosk's controller: one step at a time, each move a contract call. The session is started
 * with the first notice and cancelled whenever the citizen leaves before paying (a button, or the
 * inactivity reset), so an activated token always gets its KO. Amounts come from the core only.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../main/contract/result';
import { useClient, useEvent, useSystemInfo } from '../app/ClientProvider';
import { useI18n } from '../app/i18n/I18nProvider';
import type { Lang } from '../app/i18n/translate';
import { CARD_CHECK_POLL_MS, settlementOf } from './card-check';
import { problemOfError, problemOfService } from './problems';
import { afterActivate, afterOutcome, afterVerify } from './steps';
import type { CardDetails, Problem, ServiceEntry, Session, Step } from './steps';

/** Sessions a citizen may walk away from: the reset cancels them (a KO for an activated token). */
const OPEN: ReadonlySet<Session['status']> = new Set(['cart', 'activated']);

function problemOf(e: ContractError): Problem {
  const detailKey = typeof e.details?.messageKey === 'string' ? e.details.messageKey : undefined;
  return { key: problemOfError(e), ...(detailKey ? { detailKey } : {}) };
}

export interface KioskFlowOptions {
  /** How long a card being checked may take before the citizen is sent to staff: the inactivity reset's time. */
  checkStuckMs: number;
}

export function useKioskFlow(options: KioskFlowOptions = { checkStuckMs: 90_000 }) {
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

  /**
   * Cancels what the citizen leaves unpaid. The core refuses while a card the terminal may have
   * charged is being checked (CARD_AUTHORIZATION_OPEN): then the session stays this kiosk's and the
   * refusal's code is answered, so the screen says so instead of starting over as if nothing happened.
   */
  const closeSession = useCallback(async (): Promise<string | null> => {
    const id = session.current;
    session.current = null;
    if (!id) return null;
    const s = await client.call('session.get', { sessionId: id });
    if (!s.ok || !OPEN.has(s.value.status)) return null;
    const cancelled = await client.call('session.cancel', { sessionId: id });
    if (cancelled.ok || cancelled.error.code !== 'CARD_AUTHORIZATION_OPEN') return null;
    session.current = id;
    return cancelled.error.code;
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

  /** The language of every later screen: the session and the step stay as they are. */
  const switchLanguage = useCallback((lang: Lang) => setLang(lang), [setLang]);

  /** From the details screen: scan or type one more notice for the same payment (up to 5). */
  const addAnother = useCallback(() => {
    if (step.kind === 'details') setStep({ kind: 'scan', problem: null, adding: step.session });
  }, [step]);

  /** The session a further notice joins (set while the citizen scans or types it). */
  const pending = useRef<Session | null>(null);
  if (step.kind === 'scan') pending.current = step.adding ?? null;

  /** Back from the keypad to the scan screen, still adding to the open payment when it was. */
  const backToScan = useCallback(
    () => setStep({ kind: 'scan', problem: null, ...(pending.current ? { adding: pending.current } : {}) }),
    [],
  );

  /**
   * Another notice for the open session: its details on success; a notice that cannot be paid is
   * taken out again, and the details of the others say why, so the payment goes on without it.
   */
  const addToSession = async (
    before: Session,
    request: { text: string } | { manual: { fiscalCode: string; noticeNumber: string } },
    set: (s: Step) => void,
  ) => {
    const added = await client.call('session.addNotice', { sessionId: before.id, ...request });
    if (!added.ok) {
      return set(
        added.error.code === 'PAYLOAD_INVALID'
          ? { kind: 'scan', problem: problemOf(added.error), adding: before }
          : { kind: 'details', session: before, problem: problemOf(added.error) },
      );
    }
    const next = afterVerify(added.value.session);
    if (next.kind === 'details') return set(next);
    const failed = added.value.session.notices.at(-1);
    const removed = failed ? await client.call('session.removeNotice', { sessionId: before.id, noticeId: failed.id }) : null;
    const problem = next.kind === 'problem' ? next.problem : { key: 'unexpected' as const };
    set({ kind: 'details', session: removed?.ok ? removed.value : before, problem });
  };

  const addNotice = useCallback(
    async (request: { text: string } | { manual: { fiscalCode: string; noticeNumber: string } }) => {
      const set = guard();
      const adding =
        (step.kind === 'scan' || step.kind === 'type-notice' || step.kind === 'type-creditor') && session.current ? pending.current : null;
      setReadings((n) => n + 1);
      set({ kind: 'busy', what: 'checking' });
      if (adding) return addToSession(adding, request, set);
      // A reading at the start begins a new payment.
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
    [client, closeSession, step],
  );

  /** A spontaneous payment: the services this kiosk offers now (the technician's choice). */
  const openServices = useCallback(
    async (problem: Problem | null = null) => {
      const set = guard();
      const r = await client.call('kiosk.services', {});
      if (!r.ok) return set({ kind: 'scan', problem: problemOf(r.error) });
      if (r.value.entries.length === 0) return set({ kind: 'scan', problem: { key: 'service-not-enabled' } });
      set({ kind: 'services', entries: r.value.entries, words: '', problem });
    },
    [client],
  );

  /** The chosen service's form, made by the core from the service's XSD. */
  const chooseService = useCallback(
    async (entry: ServiceEntry) => {
      if (step.kind !== 'services') return;
      const from = step;
      const set = guard();
      set({ kind: 'busy', what: 'service' });
      const r = await client.call('catalogue.form', { idSoggettoServizio: entry.idSoggettoServizio });
      if (!r.ok) return set({ ...from, problem: { key: problemOfService(r.error) } });
      set({ kind: 'service-form', entries: from.entries, entry, form: r.value.form, values: {}, problem: null, refusedField: null });
    },
    [client, step],
  );

  /**
   * The form sent: a new kiosk session, the notice demanded from the creditor and verified (the
   * verified amount is what is charged), then the usual details. A refusal goes back to the form
   * with the values typed, saying why (and which field, when the creditor named one).
   */
  const submitService = useCallback(async () => {
    if (step.kind !== 'service-form') return;
    const from = step;
    const set = guard();
    set({ kind: 'busy', what: 'service' });
    await closeSession();
    const started = await client.call('session.start', { kind: 'kiosk' });
    if (!started.ok) return set({ ...from, problem: problemOf(started.error), refusedField: null });
    session.current = started.value.id;
    const added = await client.call('session.addService', {
      sessionId: started.value.id,
      idSoggettoServizio: from.entry.idSoggettoServizio,
      values: from.values,
    });
    if (!added.ok) {
      await closeSession();
      const e = added.error;
      const problem: Problem = { key: problemOfService(e) };
      // No longer offered (the technician changed the choice meanwhile): the list as it is now.
      if (problem.key === 'service-not-enabled' || problem.key === 'service-unknown') return openServices(problem);
      const errors = Array.isArray(e.details?.errors) ? (e.details.errors as { path?: unknown }[]) : [];
      const field = typeof e.details?.field === 'string' ? e.details.field : typeof errors[0]?.path === 'string' ? errors[0].path : null;
      return set({ ...from, problem, refusedField: problem.key === 'service-refused' ? field : null });
    }
    const next = afterVerify(added.value.session);
    if (next.kind !== 'details') await closeSession();
    set(next);
  }, [client, closeSession, openServices, step]);

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
        const card: CardDetails = { brand: v.cardBrand, maskedPan: v.maskedPan, authCode: v.authCode };
        session.current = null; // paid: nothing to cancel any more
        return set(
          where === 'receipt'
            ? { kind: 'receipt', session: v.session, card }
            : where === 'staff'
              ? { kind: 'problem', problem: { key: 'needs-staff' } }
              : { kind: 'confirming', session: v.session, card },
        );
      }
      case 'reversed':
        await closeSession();
        return set({ kind: 'problem', problem: { key: 'reversed' } });
      case 'unknown':
        // The terminal may have charged: never a decline, never "try again" until the core knows.
        return set({ kind: 'card-checking', session: v.session, quote, stuck: false });
      default:
        return set({ kind: 'card-problem', session: v.session, quote, result: v.result, reason: v.reason });
    }
  }, [client, closeSession, step]);

  const cancelCard = useCallback(async () => {
    if (step.kind !== 'card') return;
    await client.call('kiosk.cancelCard', { sessionId: step.session.id });
  }, [client, step]);

  const cancelPayment = useCallback(async () => {
    const from = step;
    generation.current++;
    setStep({ kind: 'busy', what: 'cancelling' });
    const refused = await closeSession();
    if (refused) {
      // A card is being checked at the terminal: follow it rather than leave a charge unexplained.
      const set = guard();
      if (from.kind === 'total' || from.kind === 'card-problem')
        return set({ kind: 'card-checking', session: from.session, quote: from.quote, stuck: false });
      return set({ kind: 'problem', problem: { key: 'card-open' } });
    }
    await reset();
  }, [closeSession, reset, step]);

  // A card being checked: follow the core's settlement until it is known, then move on by itself.
  const checking = step.kind === 'card-checking' ? step : null;
  const checkingId = checking?.session.id ?? null;
  const checkingQuote = checking?.quote ?? null;
  useEffect(() => {
    if (!checkingId || !checkingQuote) return;
    const set = guard();
    let stop = false;
    const stuck = window.setTimeout(() => {
      if (!stop) setStep((now) => (now.kind === 'card-checking' && now.session.id === checkingId ? { ...now, stuck: true } : now));
    }, options.checkStuckMs);
    const follow = async () => {
      while (!stop) {
        const [check, now] = await Promise.all([
          client.call('kiosk.cardCheck', { sessionId: checkingId }),
          client.call('session.get', { sessionId: checkingId }),
        ]);
        if (stop) return;
        if (check.ok && now.ok) {
          const settled = settlementOf(check.value, now.value);
          if (settled.kind !== 'checking') {
            stop = true;
            return settle(settled, now.value, check.value.card, checkingQuote, set);
          }
        }
        await new Promise((res) => window.setTimeout(res, CARD_CHECK_POLL_MS));
      }
    };
    void follow();
    return () => {
      stop = true;
      window.clearTimeout(stuck);
    };
  }, [checkingId]);

  /** What a settled card payment means for the citizen. */
  const settle = async (
    settled: Exclude<ReturnType<typeof settlementOf>, { kind: 'checking' }>,
    s: Session,
    card: CardDetails | null,
    quote: Extract<Step, { kind: 'card-checking' }>['quote'],
    set: (step: Step) => void,
  ) => {
    switch (settled.kind) {
      case 'paid': {
        session.current = null; // paid: nothing to cancel any more
        const where = afterOutcome(s);
        return set(
          where === 'receipt'
            ? { kind: 'receipt', session: s, card }
            : where === 'staff'
              ? { kind: 'problem', problem: { key: 'needs-staff' } }
              : { kind: 'confirming', session: s, card },
        );
      }
      case 'no-charge':
        if (settled.retry) return set({ kind: 'card-problem', session: s, quote, result: 'unknown', reason: null, noCharge: true });
        await closeSession();
        return set({ kind: 'problem', problem: { key: 'no-charge' } });
      case 'reversed':
        await closeSession();
        return set({ kind: 'problem', problem: { key: 'reversed' } });
      case 'not-reversed':
        session.current = null;
        return set({ kind: 'problem', problem: { key: 'not-reversed' } });
    }
  };

  // The outcome travels to the node after the tender: the receipt follows when it is accepted.
  useEvent('session.updated', (s) => {
    if (step.kind !== 'confirming' || s.id !== step.session.id) return;
    const where = afterOutcome(s);
    if (where === 'receipt') setStep({ kind: 'receipt', session: s, card: step.card });
    else if (where === 'staff') setStep({ kind: 'problem', problem: { key: 'needs-staff' } });
  });

  /** The node is slow: the citizen leaves with the provisional receipt, the outbox delivers the outcome. */
  const receiptNow = useCallback(async () => {
    if (step.kind !== 'confirming') return;
    const set = guard();
    const now = await client.call('session.get', { sessionId: step.session.id });
    set({ kind: 'receipt', session: now.ok ? now.value : step.session, card: step.card });
  }, [client, step]);

  return {
    step,
    readings,
    setStep,
    reset,
    chooseLanguage,
    switchLanguage,
    addAnother,
    backToScan,
    addNotice,
    openServices,
    chooseService,
    submitService,
    reserve,
    payByCard,
    cancelCard,
    cancelPayment,
    receiptNow,
  };
}
