/**
 * Who may make each call, declared once for the whole contract and enforced in one place
 * (`Gate.admit`, main/contract/access/gate.ts) for every transport: the loopback server's HTTP and
 * WebSocket, Electron IPC and the in-process API. Browser-safe (no imports but types).
 *
 * Roles, and who holds them:
 * - `kiosk`: anyone who reached the core through a transport (the citizen screen, a counter before
 *   sign-in). Every principal holds it.
 * - `operator`: a counter operator signed in with their PIN (operator.login).
 * - `supervisor`: an operator account with the supervisor role; holds `operator` too.
 * - `technician`: technician mode, unlocked with the technician PIN (technician.unlock).
 * The in-process API (the CLI, tests, the core's own tools) runs as the terminal's local owner and
 * holds all four: whoever runs it is the OS user that owns the data directory and could open the
 * database file itself, so a PIN there would protect nothing.
 */
import type { CallName } from './calls';

export const ROLES = ['kiosk', 'operator', 'supervisor', 'technician'] as const;
export type Role = (typeof ROLES)[number];

const ANYONE = ['kiosk'] as const;
const STAFF = ['operator'] as const;
const TECHNICIAN = ['technician'] as const;

/** A call is allowed when the caller holds at least one of its roles. */
export const CALL_ROLES = {
  'kiosk.settings': ANYONE,
  'kiosk.payByCard': ANYONE,
  'kiosk.cancelCard': ANYONE,
  'kiosk.cardStatus': ANYONE,

  'technician.pinStatus': ANYONE,
  'technician.unlock': ANYONE,
  'technician.lock': TECHNICIAN,
  'technician.changePin': TECHNICIAN,
  'technician.devices': TECHNICIAN,
  'technician.chooseDevices': TECHNICIAN,
  'technician.testScan': TECHNICIAN,
  'technician.testPrint': TECHNICIAN,
  'technician.printerStatus': TECHNICIAN,
  'technician.saveSettings': TECHNICIAN,
  'technician.testNode': TECHNICIAN,
  'technician.setKioskTiming': TECHNICIAN,
  'technician.diagnostics': TECHNICIAN,

  'operator.login': ANYONE,
  'operator.logout': STAFF,
  'operator.whoami': ANYONE,
  'operator.list': ['supervisor', 'technician'],
  'operator.save': ['supervisor', 'technician'],

  // The kiosk takes payments without anyone signed in; money is taken by session.tender (an
  // operator at the counter) or kiosk.payByCard (the kiosk's own card terminal).
  'session.start': ANYONE,
  'session.get': ANYONE,
  'session.addNotice': ANYONE,
  'session.removeNotice': ANYONE,
  'session.activate': ANYONE,
  'session.quote': ANYONE,
  'session.cancel': ANYONE,
  'session.tender': STAFF,
  'session.decide': STAFF,
  'session.recordRefund': STAFF,
  // What a reloaded counter or kiosk screen resumes.
  'sessions.open': ANYONE,
  'sessions.list': ['operator', 'technician'],
  'sessions.search': ['operator', 'technician'],

  'outbox.status': ANYONE,
  'outbox.list': ['operator', 'technician'],
  'outbox.attempts': ['operator', 'technician'],
  'outbox.retry': TECHNICIAN,
  'outbox.reset': TECHNICIAN,

  'journal.list': ['supervisor', 'technician'],
  'journal.verify': ['supervisor', 'technician'],
  'journal.exportCsv': ['supervisor', 'technician'],

  'config.get': TECHNICIAN,
  'system.info': ANYONE,
  'node.status': ANYONE,
  'devices.status': ANYONE,

  // Reprints beyond the first duplicate also need a supervisor (checked with the session's copies).
  'certificate.preview': ANYONE,
  'certificate.print': ANYONE,
  'printer.configured': ANYONE,

  // Another operator's shift, or a close with a cash difference, also needs a supervisor.
  'shift.open': STAFF,
  'shift.current': ANYONE,
  'shift.close': STAFF,
  'shift.xReport': STAFF,
  'shift.zReport': STAFF,
  'shift.reportCsv': STAFF,
  'shift.printReport': STAFF,
} as const satisfies { readonly [N in CallName]: readonly Role[] };

export function rolesFor(name: CallName): readonly Role[] {
  return CALL_ROLES[name];
}
