/**
 * Who receives which pushed event, declared once for every event (the compiler insists) and applied
 * in one place: `createCoreApi`'s emit, for every connection a transport opened (`api.connect`: a
 * WebSocket, the Electron window). A pushed event never carries more than the caller could ask for:
 * - `session.updated`: a technician sees every session; an operator the counter's sessions; anyone
 *   (the kiosk role) the kiosk's sessions; and every connection the sessions it started itself.
 *   A kiosk screen therefore never hears a counter payment, nor a CLI run.
 * - the status events carry only counts and states and go to whoever may make the call of the same
 *   name (`outbox.status`, `node.status`, `devices.status`: anyone, roles.ts).
 * - `scanner.scan`: the screens that take scans on this terminal (see its entry).
 * A technician-only event added later declares `['technician']` here.
 */
import type { EventName, EventPayload } from '../contract/events';
import { CALL_ROLES } from '../contract/roles';
import type { Role } from '../contract/roles';

/** Kind of a payment session (counter, kiosk, or a CLI run), looked up by its id. */
export type SessionKind = 'counter' | 'kiosk' | 'cli';

/** What a connection is, as far as events go. */
export interface Viewer {
  /** The roles of the credentials it presented that are still current (always at least kiosk). */
  roles: ReadonlySet<Role>;
  /** Sessions started through this connection. */
  started: ReadonlySet<string>;
}

type Audience<E extends EventName> = (
  payload: EventPayload<E>,
  viewer: Viewer,
  kindOf: (sessionId: string) => SessionKind | null,
) => boolean;

const holdsAny = (viewer: Viewer, roles: readonly Role[]) => roles.some((r) => viewer.roles.has(r));
/** The event goes where the call of the same name may go. */
const likeCall = (roles: readonly Role[]) => (_payload: unknown, viewer: Viewer) => holdsAny(viewer, roles);

export const EVENT_AUDIENCE: { readonly [E in EventName]: Audience<E> } = {
  'session.updated': (s, viewer, kindOf) => {
    if (viewer.roles.has('technician') || viewer.started.has(s.id)) return true;
    const kind = kindOf(s.id);
    if (kind === 'kiosk') return viewer.roles.has('kiosk');
    if (kind === 'counter') return viewer.roles.has('operator');
    return false; // a CLI run, or a session this terminal does not know: the technician's only
  },
  'outbox.status': likeCall(CALL_ROLES['outbox.status']),
  'node.status': likeCall(CALL_ROLES['node.status']),
  'devices.status': likeCall(CALL_ROLES['devices.status']),
  'printer.status': likeCall(CALL_ROLES['printer.status']),
  // A device scan goes to the screen that takes scans on this terminal: on a kiosk terminal the
  // kiosk screen (the kiosk role); at a counter staff only (a kiosk-only connection never hears a
  // counter's Data Matrix, which names the debtor). A technician hears every scan (the test scan).
  'scanner.scan': (scan, viewer) => viewer.roles.has('technician') || viewer.roles.has(scan.terminal === 'kiosk' ? 'kiosk' : 'operator'),
};

export function mayReceive<E extends EventName>(
  event: E,
  payload: EventPayload<E>,
  viewer: Viewer,
  kindOf: (sessionId: string) => SessionKind | null,
): boolean {
  return (EVENT_AUDIENCE[event] as Audience<E>)(payload, viewer, kindOf);
}
