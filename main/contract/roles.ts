/**
 * Who may make each call, declared once for the whole contract and enforced in one place
 * (`Gate.admit`, main/api/gate.ts) for every transport: the loopback server's HTTP and
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
const STAFF_OR_TECHNICIAN = ['operator', 'technician'] as const;
const SUPERVISOR_OR_TECHNICIAN = ['supervisor', 'technician'] as const;

/** `calls` may be made by whoever holds one of `roles`. */
function grant<const N extends CallName>(roles: readonly Role[], calls: readonly N[]): { readonly [K in N]: readonly Role[] } {
  return Object.fromEntries(calls.map((c) => [c, roles])) as { [K in N]: readonly Role[] };
}

/**
 * A call is allowed when the caller holds at least one of its roles. Each call is named once, in
 * the group of who may make it; the compiler insists that every call is in one.
 */
export const CALL_ROLES = {
  // The kiosk takes payments without anyone signed in; money is taken by session.tender (an
  // operator at the counter) or kiosk.payByCard (the kiosk's own card terminal). sessions.open is
  // what a reloaded counter or kiosk screen resumes. Reprints beyond the first duplicate also need
  // a supervisor (checked with the session's copies).
  ...grant(ANYONE, [
    'kiosk.settings',
    'kiosk.payByCard',
    'kiosk.cancelCard',
    'kiosk.cardStatus',
    'kiosk.cardCheck',
    'kiosk.receiptCode',
    'technician.pinStatus',
    'technician.unlock',
    'operator.login',
    'operator.whoami',
    'session.start',
    'session.get',
    'session.addNotice',
    'session.addService',
    'catalogue.form',
    'session.removeNotice',
    'session.activate',
    'session.quote',
    'session.cancel',
    'sessions.open',
    'outbox.status',
    'system.info',
    'node.status',
    'devices.status',
    'certificate.preview',
    'certificate.print',
    'printer.configured',
    'shift.current',
  ]),
  // Another operator's shift, or a close with a cash difference, also needs a supervisor.
  ...grant(STAFF, [
    'operator.logout',
    'session.tender',
    'counter.cardTerminal',
    'counter.payByCard',
    'counter.cancelCard',
    'session.decide',
    'session.recordRefund',
    'shift.open',
    'shift.close',
    'shift.xReport',
    'shift.zReport',
    'shift.reportCsv',
    'shift.printReport',
  ]),
  ...grant(STAFF_OR_TECHNICIAN, ['sessions.list', 'sessions.search', 'outbox.list', 'outbox.attempts']),
  // The print queue: staff see it in the status bar and reprint or give up a kept job.
  ...grant(STAFF_OR_TECHNICIAN, ['printer.status', 'printer.jobs', 'printer.retryJob', 'printer.discardJob']),
  ...grant(TECHNICIAN, ['printer.models', 'printer.chooseModel', 'printer.testPage']),
  // The service catalogue is public (the node gives it to every PSP): the kiosk searches it too.
  ...grant(ANYONE, ['catalogue.status', 'catalogue.search', 'kiosk.services']),
  // A refresh only reads from the node (one request at a time, coalesced), so the operator whose
  // citizen asks for a service newer than the kept catalogue need not wait for a technician.
  ...grant(STAFF_OR_TECHNICIAN, ['catalogue.refresh']),
  ...grant(SUPERVISOR_OR_TECHNICIAN, ['operator.list', 'operator.save', 'journal.list', 'journal.verify', 'journal.exportCsv']),
  ...grant(TECHNICIAN, [
    'technician.lock',
    'technician.changePin',
    'technician.devices',
    'technician.chooseDevices',
    'technician.testScan',
    'technician.testPrint',
    'technician.printerStatus',
    'technician.saveSettings',
    'technician.testNode',
    'technician.setKioskTiming',
    'technician.setCardTerminalKey',
    'technician.testCardTerminal',
    'kiosk.setWithoutPrinter',
    'technician.diagnostics',
    'technician.logSettings',
    'technician.setLogLevel',
    'technician.journalSearch',
    'technician.kioskServices',
    'technician.setKioskServices',
    'fleet.status',
    'fleet.configure',
    'outbox.retry',
    'outbox.reset',
    'config.get',
  ]),
} satisfies { readonly [N in CallName]: readonly Role[] };

export function rolesFor(name: CallName): readonly Role[] {
  return CALL_ROLES[name];
}
