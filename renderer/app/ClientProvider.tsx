/**
 * Hands the contract client to every screen, with the terminal's identity (system.info, read once)
 * and whether the link to the core still holds. Screens call `useClient().call(...)` and listen
 * with `useEvent(...)`; nothing here knows Electron from a browser.
 */
import { createContext, useContext, useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { ContractClient } from '../../main/contract/client';
import type { SystemInfo } from '../../main/contract/calls';
import type { EventName, EventPayload } from '../../main/contract/events';

export interface ClientValue {
  client: ContractClient;
  info: SystemInfo;
}

const ClientContext = createContext<ClientValue | null>(null);

export function ClientProvider(props: ClientValue & { children: ReactNode }) {
  return <ClientContext.Provider value={{ client: props.client, info: props.info }}>{props.children}</ClientContext.Provider>;
}

export function useClient(): ContractClient {
  const v = useContext(ClientContext);
  if (!v) throw new Error('useClient outside ClientProvider');
  return v.client;
}

export function useSystemInfo(): SystemInfo {
  const v = useContext(ClientContext);
  if (!v) throw new Error('useSystemInfo outside ClientProvider');
  return v.info;
}

/** Listens to a pushed event while the component is mounted; the latest listener is always called. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const client = useClient();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => client.on(event, (p) => latest.current(p)), [client, event]);
}
