/**
 * The technician's token (from `technician.unlock`, kept in memory only: a reload asks for the PIN
 * again) presented as the credential of every call made under technician mode: `call` for the
 * technician calls, and the client every section gets from useClient() (outbox, journal, config
 * need the technician role too: the core's gate checks it). A TECHNICIAN_LOCKED answer (expired,
 * or the PIN changed) drops back to the lock screen.
 */
import { createContext, useCallback, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { CallName, RequestOf, ResponseOf } from '../../main/contract/calls';
import type { ContractClient } from '../../main/contract/client';
import type { CallResult } from '../../main/contract/result';
import { ClientProvider, useClient, useSystemInfo } from '../app/ClientProvider';

/** The technician calls that take the token; the PIN screen's and the shared ones (outbox, journal, config) do not. */
export type AuthCall =
  | Exclude<Extract<CallName, `technician.${string}`>, 'technician.pinStatus' | 'technician.unlock'>
  // the kiosk's own setting that only a technician changes
  | 'kiosk.setWithoutPrinter'
  // the fleet's settings and state (fleet-calls.ts)
  | 'fleet.status'
  | 'fleet.configure';

export interface TechnicianAccess {
  auth: string;
  call<N extends AuthCall>(name: N, request: RequestOf<N>): Promise<CallResult<ResponseOf<N>>>;
  lock(): void;
}

const AccessContext = createContext<TechnicianAccess | null>(null);

export function AccessProvider(props: { auth: string; onLocked: () => void; children: ReactNode }) {
  const client = useClient();
  const info = useSystemInfo();
  const { auth, onLocked } = props;
  const authed = useMemo<ContractClient>(
    () => ({
      call: async (name, request, options) => {
        const r = await client.call(name, request, { auth, ...options });
        if (!r.ok && r.error.code === 'TECHNICIAN_LOCKED') onLocked();
        return r;
      },
      on: (event, listener) => client.on(event, listener),
    }),
    [client, auth, onLocked],
  );
  const call = useCallback(<N extends AuthCall>(name: N, request: RequestOf<N>) => authed.call(name, request), [authed]);
  const lock = useCallback(() => {
    void client.call('technician.lock', {}, { auth });
    onLocked();
  }, [client, auth, onLocked]);
  const value = useMemo<TechnicianAccess>(() => ({ auth, call, lock }), [auth, call, lock]);
  return (
    <ClientProvider client={authed} info={info}>
      <AccessContext.Provider value={value}>{props.children}</AccessContext.Provider>
    </ClientProvider>
  );
}

export function useAccess(): TechnicianAccess {
  const v = useContext(AccessContext);
  if (!v) throw new Error('useAccess outside AccessProvider');
  return v;
}
