/**
 * One customer's payment as the counter drives it: the session the core keeps (kept current by
 * its `session.updated` events), the call in progress and the last refusal. Every decision about
 * money (what is owed, the fee, the change, whether the tender is acceptable) is the core's: this
 * hook only asks and shows.
 *
 * The screen never needs a reload: when mounted it resumes the terminal's payment still in
 * progress (`sessions.open`), and after an error that may mean it is out of step with the core it
 * reads the session again and follows the core (recovery.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionState, TenderMethod } from '../../../main/engine/types';
import type { RequestOf, ResponseOf } from '../../../main/contract/calls';
import type { CallResult, ContractError } from '../../../main/contract/result';
import { useClient, useEvent } from '../../app/ClientProvider';
import { dismissedSessions, dismissSession } from './dismissed';
import { afterFailedAdd, errorKind, resumable } from './recovery';
import { stepOf } from './steps';
import type { PaymentStep } from './steps';

export type Busy = null | 'resuming' | 'adding' | 'retrying' | 'removing' | 'activating' | 'tendering' | 'cancelling';
export type TenderDetails = NonNullable<RequestOf<'session.tender'>['details']>;
export type NoticeWarning = ResponseOf<'session.addNotice'>['warnings'][number];
export type Quote = ResponseOf<'session.quote'>;

export interface Payment {
  session: SessionState | null;
  step: PaymentStep;
  busy: Busy;
  error: ContractError | null;
  /** How many refusals so far: a new one is visible even when its text repeats the last. */
  errorCount: number;
  /** The session was in progress when the screen was (re)loaded and was taken up again. */
  resumed: boolean;
  /** Payload warnings per notice id (check digit, amount zero...), from addNotice. */
  warnings: Readonly<Record<number, NoticeWarning[]>>;
  addText(text: string): Promise<boolean>;
  addManual(fiscalCode: string, noticeNumber: string): Promise<boolean>;
  /**
   * A spontaneous payment: the notice demanded from the service's creditor with the values typed
   * (session.addService), into the cart like a scanned one. The refusal comes back so the form can
   * point at the field it names.
   */
  addService(
    idSoggettoServizio: string,
    values: Record<string, string>,
  ): Promise<{ ok: true } | { ok: false; error: ContractError | null }>;
  remove(noticeId: number): Promise<void>;
  /** Several notices at once (the unpayable ones): one call each, stopping at the first refusal. */
  removeMany(noticeIds: readonly number[]): Promise<void>;
  /** Verify again notices whose verify failed: the same call as scanning them again. */
  retry(noticeIds: readonly number[]): Promise<void>;
  activate(): Promise<void>;
  quote(method: TenderMethod, givenCents: number | null): Promise<CallResult<Quote>>;
  /** `cardKind`: a card tender paid with a debit PagoBANCOMAT card says `bancomat` (the outcome's paymentMethod). */
  tender(method: TenderMethod, givenCents: number | null, cardKind?: 'creditCard' | 'bancomat', details?: TenderDetails): Promise<boolean>;
  cancel(): Promise<void>;
  /** Forget this payment (it goes on in the core if its outcome is pending) and start afresh. */
  reset(): void;
  clearError(): void;
}

export function usePayment(operatorId: string): Payment {
  const client = useClient();
  const [session, setSession] = useState<SessionState | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setErrorState] = useState<ContractError | null>(null);
  const [errorCount, setErrorCount] = useState(0);
  const setError = useCallback((e: ContractError | null) => {
    setErrorState(e);
    if (e) setErrorCount((n) => n + 1);
  }, []);
  const [warnings, setWarnings] = useState<Record<number, NoticeWarning[]>>({});
  const [resumed, setResumed] = useState(false);
  const current = useRef<SessionState | null>(null);
  current.current = session;
  const follow = useCallback((s: SessionState | null) => {
    current.current = s;
    setSession(s);
  }, []);

  useEvent('session.updated', (s) => {
    if (s.id === current.current?.id) setSession(s);
  });

  // A reload or a crashed screen: the payment in progress on this terminal is taken up again, so its
  // tokens are paid or released (F8) now instead of holding the notices at the node for 30 minutes.
  useEffect(() => {
    let live = true;
    setBusy('resuming');
    void client.call('sessions.open', {}).then((r) => {
      if (!live) return;
      setBusy(null);
      if (!r.ok) return setError(r.error);
      const open = resumable(r.value.sessions, dismissedSessions());
      if (open && current.current === null) {
        follow(open);
        setResumed(true);
      }
    });
    return () => {
      live = false;
    };
  }, [client, follow, setError]);

  /** The session as the core has it now; `gone` when the core no longer knows it. */
  const resync = useCallback(
    async (id: string): Promise<{ fresh: SessionState | null; gone: boolean }> => {
      const r = await client.call('session.get', { sessionId: id });
      if (r.ok && current.current?.id === id) follow(r.value);
      return r.ok ? { fresh: r.value, gone: false } : { fresh: null, gone: r.error.code === 'SESSION_NOT_FOUND' };
    },
    [client, follow],
  );

  const run = useCallback(
    async <T>(kind: Exclude<Busy, null>, fn: () => Promise<CallResult<T>>): Promise<CallResult<T>> => {
      setBusy(kind);
      setError(null);
      try {
        const r = await fn();
        if (!r.ok) setError(r.error);
        return r;
      } finally {
        setBusy(null);
      }
    },
    [setError],
  );

  /** The session to add to: the current cart, or a new one. */
  const cart = useCallback(async (): Promise<SessionState | null> => {
    const s = current.current;
    if (s && s.status === 'cart') return s;
    const r = await client.call('session.start', { kind: 'counter', operatorId });
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    follow(r.value);
    setWarnings({});
    return r.value;
  }, [client, follow, operatorId, setError]);

  const add = useCallback(
    async (
      request:
        | { text: string }
        | { manual: { fiscalCode: string; noticeNumber: string } }
        | { service: { idSoggettoServizio: string; values: Record<string, string> } },
    ): Promise<{ ok: true } | { ok: false; error: ContractError | null }> => {
      setBusy('adding');
      setError(null);
      try {
        for (let attempt = 1; ; attempt++) {
          const s = await cart();
          if (!s) return { ok: false, error: null };
          const before = new Set(s.notices.map((n) => n.id));
          const r =
            'service' in request
              ? await client.call('session.addService', { sessionId: s.id, ...request.service })
              : await client.call('session.addNotice', { sessionId: s.id, ...request });
          if (r.ok) {
            follow(r.value.session);
            const added = r.value.session.notices.find((n) => !before.has(n.id));
            if (added && r.value.warnings.length > 0) setWarnings((w) => ({ ...w, [added.id]: r.value.warnings }));
            return { ok: true };
          }
          if (attempt === 1 && errorKind(r.error) === 'out-of-step') {
            const { fresh } = await resync(s.id);
            if (afterFailedAdd(fresh) === 'new-cart') {
              // An empty cart the core cannot add to is worth nothing: leave it (closed, if it can still
              // be) and read the notice into a new one. Adding holds nothing at the node, so this is safe.
              if (fresh) await client.call('session.cancel', { sessionId: s.id });
              follow(null);
              continue;
            }
          }
          setError(r.error);
          return { ok: false, error: r.error };
        }
      } finally {
        setBusy(null);
      }
    },
    [cart, client, follow, resync, setError],
  );

  const sessionId = session?.id ?? null;
  const apply = useCallback(
    async (kind: Exclude<Busy, null>, fn: (id: string) => Promise<CallResult<SessionState>>): Promise<boolean> => {
      if (!sessionId) return false;
      const r = await run(kind, () => fn(sessionId));
      if (r.ok) setSession(r.value);
      else if (errorKind(r.error) === 'out-of-step') {
        // Whatever happened in the core, the screen shows what it holds now (a tender may have been
        // recorded before the error, a cancellation may have gone through).
        const { gone } = await resync(sessionId);
        if (gone) follow(null);
      }
      return r.ok;
    },
    [follow, resync, run, sessionId],
  );

  return {
    session,
    step: stepOf(session),
    busy,
    error,
    errorCount,
    resumed,
    warnings,
    addText: async (text) => (await add({ text })).ok,
    addManual: async (fiscalCode, noticeNumber) => (await add({ manual: { fiscalCode, noticeNumber } })).ok,
    addService: (idSoggettoServizio, values) => add({ service: { idSoggettoServizio, values } }),
    remove: async (noticeId) => void (await apply('removing', (id) => client.call('session.removeNotice', { sessionId: id, noticeId }))),
    removeMany: async (noticeIds) => {
      for (const noticeId of noticeIds)
        if (!(await apply('removing', (id) => client.call('session.removeNotice', { sessionId: id, noticeId })))) return;
    },
    retry: async (noticeIds) => {
      // Scanning a failed notice again verifies it again, in place (main/engine/session.ts): a retry is that call.
      for (const noticeId of noticeIds) {
        const n = current.current?.notices.find((x) => x.id === noticeId);
        if (!n) continue;
        const manual = { fiscalCode: n.ref.fiscalCode, noticeNumber: n.ref.noticeNumber };
        const ok = await apply('retrying', async (id) => {
          const r = await client.call('session.addNotice', { sessionId: id, manual });
          return r.ok ? { ok: true, value: r.value.session } : r;
        });
        if (!ok) return;
      }
    },
    activate: async () => void (await apply('activating', (id) => client.call('session.activate', { sessionId: id }))),
    quote: async (method, givenCents) => {
      if (!sessionId) return { ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'no payment in progress' } };
      return client.call('session.quote', { sessionId, method, givenCents });
    },
    tender: (method, givenCents, cardKind, details) =>
      apply('tendering', (id) =>
        client.call('session.tender', {
          sessionId: id,
          method,
          givenCents,
          ...(cardKind ? { cardKind } : {}),
          ...(details && Object.keys(details).length > 0 ? { details } : {}),
        }),
      ),
    cancel: async () => void (await apply('cancelling', (id) => client.call('session.cancel', { sessionId: id }))),
    reset: () => {
      // Moved on from: a reload must not bring it back (its outcome or KO goes on in the core).
      if (current.current) dismissSession(current.current.id);
      follow(null);
      setResumed(false);
      setError(null);
      setWarnings({});
    },
    clearError: () => setError(null),
  };
}
