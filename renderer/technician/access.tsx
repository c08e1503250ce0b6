/**
 * The technician's token (from `technician.unlock`, kept in memory only: a reload asks for the PIN
 * again) and `call`, which adds it to every technician call and drops back to the lock screen when
 * the core says the token is no longer good (TECHNICIAN_LOCKED: it expired, or the PIN changed).
 */
import { createContext, useCallback, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { CallName, RequestOf, ResponseOf } from '../../main/contract/calls';
import type { CallResult } from '../../main/contract/result';
import { useClient } from '../app/ClientProvider';

/** The technician calls that take the token; the PIN screen's and the shared ones (outbox, journal, config) do not. */
export type AuthCall = Exclude<Extract<CallName, `technician.${string}`>, 'technician.pinStatus' | 'technician.unlock'>;

export interface TechnicianAccess {
  auth: string;
  call<N extends AuthCall>(name: N, request: Omit<RequestOf<N>, 'auth'>): Promise<CallResult<ResponseOf<N>>>;
  lock(): void;
}

const AccessContext = createContext<TechnicianAccess | null>(null);

export function AccessProvider(props: { auth: string; onLocked: () => void; children: ReactNode }) {
  const client = useClient();
  const { auth, onLocked } = props;
  const call = useCallback(
    async <N extends AuthCall>(name: N, request: Omit<RequestOf<N>, 'auth'>) => {
      const r = await client.call(name, { ...request, auth } as RequestOf<N>);
      if (!r.ok && r.error.code === 'TECHNICIAN_LOCKED') onLocked();
      return r;
    },
    [client, auth, onLocked],
  );
  const lock = useCallback(() => {
    void client.call('technician.lock', { auth });
    onLocked();
  }, [client, auth, onLocked]);
  const value = useMemo<TechnicianAccess>(() => ({ auth, call, lock }), [auth, call, lock]);
  return <AccessContext.Provider value={value}>{props.children}</AccessContext.Provider>;
}

export function useAccess(): TechnicianAccess {
  const v = useContext(AccessContext);
  if (!v) throw new Error('useAccess outside AccessProvider');
  return v;
}
