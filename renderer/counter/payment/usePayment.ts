/**
 * One customer's payment as the counter drives it: the session the core keeps (kept current by
 * its `session.updated` events), the call in progress and the last refusal. Every decision about
 * money (what is owed, the fee, the change, whether the tender is acceptable) is the core's: this
 * hook only asks and shows.
 */
import { useCallback, useRef, useState } from 'react';
import type { SessionState, TenderMethod } from '../../../main/engine/types';
import type { ResponseOf } from '../../../main/contract/calls';
import type { CallResult, ContractError } from '../../../main/contract/result';
import { useClient, useEvent } from '../../app/ClientProvider';
import { stepOf } from './steps';
import type { PaymentStep } from './steps';

export type Busy = null | 'adding' | 'removing' | 'activating' | 'tendering' | 'cancelling';
export type NoticeWarning = ResponseOf<'session.addNotice'>['warnings'][number];
export type Quote = ResponseOf<'session.quote'>;

export interface Payment {
  session: SessionState | null;
  step: PaymentStep;
  busy: Busy;
  error: ContractError | null;
  /** How many refusals so far: a new one is visible even when its text repeats the last. */
  errorCount: number;
  /** Payload warnings per notice id (check digit, amount zero...), from addNotice. */
  warnings: Readonly<Record<number, NoticeWarning[]>>;
  addText(text: string): Promise<boolean>;
  addManual(fiscalCode: string, noticeNumber: string): Promise<boolean>;
  remove(noticeId: number): Promise<void>;
  activate(): Promise<void>;
  quote(method: TenderMethod, givenCents: number | null): Promise<CallResult<Quote>>;
  tender(method: TenderMethod, givenCents: number | null): Promise<boolean>;
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
  const current = useRef<SessionState | null>(null);
  current.current = session;

  useEvent('session.updated', (s) => {
    if (s.id === current.current?.id) setSession(s);
  });

  const run = useCallback(async <T>(kind: Exclude<Busy, null>, fn: () => Promise<CallResult<T>>): Promise<CallResult<T>> => {
    setBusy(kind);
    setError(null);
    try {
      const r = await fn();
      if (!r.ok) setError(r.error);
      return r;
    } finally {
      setBusy(null);
    }
  }, [setError]);

  /** The session to add to: the current cart, or a new one. */
  const cart = useCallback(async (): Promise<SessionState | null> => {
    const s = current.current;
    if (s && s.status === 'cart') return s;
    const r = await client.call('session.start', { kind: 'counter', operatorId });
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    current.current = r.value;
    setSession(r.value);
    setWarnings({});
    return r.value;
  }, [client, operatorId, setError]);

  const add = useCallback(async (request: { text: string } | { manual: { fiscalCode: string; noticeNumber: string } }): Promise<boolean> => {
    setBusy('adding');
    setError(null);
    try {
      const s = await cart();
      if (!s) return false;
      const before = new Set(s.notices.map((n) => n.id));
      const r = await client.call('session.addNotice', { sessionId: s.id, ...request });
      if (!r.ok) {
        setError(r.error);
        return false;
      }
      setSession(r.value.session);
      const added = r.value.session.notices.find((n) => !before.has(n.id));
      if (added && r.value.warnings.length > 0) setWarnings((w) => ({ ...w, [added.id]: r.value.warnings }));
      return true;
    } finally {
      setBusy(null);
    }
  }, [cart, client, setError]);

  const sessionId = session?.id ?? null;
  const apply = useCallback(async (kind: Exclude<Busy, null>, fn: (id: string) => Promise<CallResult<SessionState>>): Promise<boolean> => {
    if (!sessionId) return false;
    const r = await run(kind, () => fn(sessionId));
    if (r.ok) setSession(r.value);
    return r.ok;
  }, [run, sessionId]);

  return {
    session,
    step: stepOf(session),
    busy,
    error,
    errorCount,
    warnings,
    addText: (text) => add({ text }),
    addManual: (fiscalCode, noticeNumber) => add({ manual: { fiscalCode, noticeNumber } }),
    remove: async (noticeId) => void (await apply('removing', (id) => client.call('session.removeNotice', { sessionId: id, noticeId }))),
    activate: async () => void (await apply('activating', (id) => client.call('session.activate', { sessionId: id }))),
    quote: async (method, givenCents) => {
      if (!sessionId) return { ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'no payment in progress' } };
      return client.call('session.quote', { sessionId, method, givenCents });
    },
    tender: (method, givenCents) => apply('tendering', (id) => client.call('session.tender', { sessionId: id, method, givenCents })),
    cancel: async () => void (await apply('cancelling', (id) => client.call('session.cancel', { sessionId: id }))),
    reset: () => {
      current.current = null;
      setSession(null);
      setError(null);
      setWarnings({});
    },
    clearError: () => setError(null),
  };
}
