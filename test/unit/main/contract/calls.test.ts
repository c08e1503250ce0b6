import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { CALLS, CALL_NAMES, EVENTS, EVENT_NAMES, isCallName, isEventName, requestInvalid } from '../../../../main/contract';
import type { CallName } from '../../../../main/contract';

const SID = 'b3466fca-8ee6-40d5-b3da-48bdc3cf31ea';

/** The calls issue 3 asks for, by name: the contract may grow, never lose one of these. */
const REQUIRED: CallName[] = [
  'session.start',
  'session.get',
  'session.addNotice',
  'session.removeNotice',
  'session.activate',
  'session.quote',
  'session.tender',
  'session.cancel',
  'session.decide',
  'session.recordRefund',
  'sessions.list',
  'sessions.search',
  'outbox.list',
  'outbox.retry',
  'outbox.reset',
  'outbox.status',
  'journal.list',
  'journal.verify',
  'journal.exportCsv',
  'config.get',
  'system.info',
];

/** One request each call accepts. */
const GOOD: Record<CallName, unknown> = {
  'session.start': {},
  'session.get': { sessionId: SID },
  'session.addNotice': { sessionId: SID, text: 'PAGOPA|002|301020250000000129|77777777777|12000' },
  'session.removeNotice': { sessionId: SID, noticeId: 1 },
  'session.addService': { sessionId: SID, idSoggettoServizio: '00301', values: { 'veicoloConTarga/targa': 'AB123CD' } },
  'catalogue.form': { idSoggettoServizio: '00301' },
  'session.activate': { sessionId: SID },
  'session.quote': { sessionId: SID, method: 'cash', givenCents: 20000 },
  'session.tender': { sessionId: SID, method: 'card' },
  'session.cancel': { sessionId: SID },
  'session.decide': { sessionId: SID, decision: 'refund' },
  'session.recordRefund': { sessionId: SID, note: 'refunded in cash, receipt 12' },
  'sessions.list': { limit: 10 },
  'sessions.open': {},
  'sessions.search': { paymentToken: 'f1e9f1cf981082717b905c3285821c7a' },
  'outbox.list': { states: ['pending', 'needs-decision'] },
  'outbox.attempts': { messageId: 3 },
  'outbox.retry': { messageId: 3 },
  'outbox.reset': { messageId: 3 },
  'outbox.status': {},
  'journal.list': { afterSeq: 0, limit: 10 },
  'journal.verify': {},
  'journal.exportCsv': {},
  'config.get': {},
  'system.info': {},
  'node.status': {},
  'devices.status': {},
  'kiosk.settings': {},
  'kiosk.payByCard': { sessionId: SID },
  'kiosk.cancelCard': { sessionId: SID },
  'kiosk.cardStatus': {},
  'kiosk.cardCheck': { sessionId: SID },
  'counter.cardTerminal': {},
  'counter.payByCard': { sessionId: SID },
  'counter.cancelCard': { sessionId: SID },
  'technician.setCardTerminalKey': { passphrase: 'a terminal passphrase' },
  'technician.testCardTerminal': {},
  'kiosk.setWithoutPrinter': { withoutPrinter: 'qr-receipt' },
  'kiosk.receiptCode': { sessionId: SID },
  'technician.pinStatus': {},
  'technician.unlock': { pin: '246810' },
  'technician.lock': {},
  'technician.changePin': { currentPin: '246810', newPin: '97531' },
  'technician.devices': {},
  'technician.chooseDevices': {
    printer: 'tcp:192.168.1.50:9100',
    cardTerminal: { kind: 'simulated', script: 'decline,approve', stepMs: 0, cardWaitMs: 0 },
    spoolDir: '/var/spool/sportello',
  },
  'technician.testScan': { text: 'PAGOPA|002|301020250000000129|77777777777|12000' },
  'technician.testPrint': {},
  'technician.printerStatus': {},
  'technician.saveSettings': {
    node: {
      endpoint: 'https://node.example/v1',
      idPSP: 'P',
      idBrokerPSP: 'B',
      idChannel: 'B_01',
      pspFiscalCode: '12345678901',
      pspName: 'PSP',
    },
    terminal: { id: 'T01', kind: 'kiosk', locale: 'de', strictCheckDigit: false, kioskAbandonSeconds: 180 },
    fees: { kind: 'flat', cents: 150 },
  },
  'technician.testNode': {},
  'technician.setKioskTiming': { timing: { idleSeconds: 60, warningSeconds: 30 } },
  'technician.diagnostics': {},
  'technician.logSettings': {},
  'technician.setLogLevel': { level: 'debug' },
  'technician.journalSearch': { text: 'settings', kinds: ['settings-saved'], from: '2026-01-01T00:00:00.000Z', beforeSeq: 10, limit: 50 },
  'operator.login': { operatorId: 'mrossi', pin: '1111' },
  'operator.logout': {},
  'operator.whoami': {},
  'operator.list': {},
  'operator.save': { id: 'mrossi', name: 'Mario Rossi', role: 'operator', pin: '4321' },
  'certificate.preview': { sessionId: SID, locale: 'de' },
  'certificate.print': { sessionId: SID, reprint: true, to: 'pdf:copy.pdf', paper: 'a4' },
  'printer.configured': {},
  'printer.status': {},
  'printer.jobs': { limit: 20 },
  'printer.retryJob': { jobId: 'job-1' },
  'printer.discardJob': { jobId: 'job-1' },
  'printer.models': {},
  'printer.chooseModel': { model: 'epson-tm-t20iii' },
  'printer.testPage': {},
  'catalogue.status': {},
  'catalogue.search': { words: 'bollo', category: 'Tributi', limit: 5, only: ['00301'] },
  'catalogue.refresh': {},
  'kiosk.services': {},
  'technician.kioskServices': {},
  'technician.setKioskServices': { idSoggettoServizio: ['00301', '00302'] },
  'fleet.status': {},
  'fleet.configure': {
    enabled: true,
    brokerUrl: 'mqtts://broker.example:8883',
    username: 'T1',
    password: 'secret',
    clientCert: null,
    ca: null,
    topicPrefix: 'sportello',
    group: 'north',
  },
  'shift.open': { operatorId: 'mrossi', floatCents: 15000 },
  'shift.current': {},
  'shift.close': { shiftId: 'shift-1', countedCashCents: 27350 },
  'shift.xReport': {},
  'shift.zReport': {},
  'shift.reportCsv': { kind: 'z', shiftId: 'shift-1' },
  'shift.printReport': { kind: 'x', locale: 'en' },
};

/** One request each call refuses, and the path the error must name. */
const BAD: Record<CallName, [unknown, string]> = {
  'session.start': [{ kind: 'bank' }, 'kind'],
  'session.get': [{ sessionId: 42 }, 'sessionId'],
  'session.addNotice': [{ sessionId: SID, text: 'x', manual: { fiscalCode: '1', noticeNumber: '2' } }, 'text'],
  'session.removeNotice': [{ sessionId: SID, noticeId: 0 }, 'noticeId'],
  'session.addService': [{ sessionId: SID, idSoggettoServizio: '00301', values: { targa: 7 } }, 'values.targa'],
  'catalogue.form': [{ idSoggettoServizio: '' }, 'idSoggettoServizio'],
  'session.activate': [{}, 'sessionId'],
  'session.quote': [{ sessionId: SID, method: 'cash', givenCents: 10.5 }, 'givenCents'],
  'session.tender': [{ sessionId: SID, method: 'cash', givenCents: -1 }, 'givenCents'],
  'session.cancel': [{ sessionId: '' }, 'sessionId'],
  'session.decide': [{ sessionId: SID, decision: 'maybe' }, 'decision'],
  'session.recordRefund': [{ sessionId: SID, note: '   ' }, 'note'],
  'sessions.list': [{ limit: 0 }, 'limit'],
  'sessions.open': [{ terminalId: 'T01' }, '(request)'],
  'sessions.search': [{ noticeNumber: '12345' }, 'noticeNumber'],
  'outbox.list': [{ states: ['lost'] }, 'states.0'],
  'outbox.attempts': [{ messageId: '3' }, 'messageId'],
  'outbox.retry': [{ messageId: -3 }, 'messageId'],
  'outbox.reset': [{}, 'messageId'],
  'outbox.status': [{ verbose: true }, '(request)'],
  'journal.list': [{ limit: 5000 }, 'limit'],
  'journal.verify': [[], '(request)'],
  'journal.exportCsv': [{ afterSeq: -1 }, 'afterSeq'],
  'config.get': [{ reveal: true }, '(request)'],
  'system.info': [null, '(request)'],
  'node.status': ['now', '(request)'],
  'devices.status': [{ scan: 1 }, '(request)'],
  'kiosk.settings': [{ idleSeconds: 1 }, '(request)'],
  'kiosk.payByCard': [{ sessionId: SID, amountCents: 100 }, '(request)'],
  'kiosk.cancelCard': [{}, 'sessionId'],
  'kiosk.cardStatus': [{ id: 1 }, '(request)'],
  'kiosk.cardCheck': [{}, 'sessionId'],
  'counter.cardTerminal': [{ id: 1 }, '(request)'],
  'counter.payByCard': [{ sessionId: SID, amountCents: 100 }, '(request)'],
  'counter.cancelCard': [{}, 'sessionId'],
  'technician.setCardTerminalKey': [{ passphrase: '' }, 'passphrase'],
  'technician.testCardTerminal': [{ amountCents: 1 }, '(request)'],
  'kiosk.setWithoutPrinter': [{ withoutPrinter: 'paper-only' }, 'withoutPrinter'],
  'kiosk.receiptCode': [{}, 'sessionId'],
  'technician.pinStatus': [{ pin: '1' }, '(request)'],
  'technician.unlock': [{ pin: '' }, 'pin'],
  'technician.lock': [{ auth: 'tok' }, '(request)'],
  'technician.changePin': [{ currentPin: '1234' }, 'newPin'],
  'technician.devices': [{ auth: 'tok' }, '(request)'],
  'technician.chooseDevices': [{ paper: 'a4' }, 'paper'],
  'technician.testScan': [{}, 'text'],
  'technician.testPrint': [{ target: '' }, 'target'],
  'technician.printerStatus': [{ target: 'x' }, '(request)'],
  'technician.saveSettings': [{ node: {}, terminal: {}, fees: { kind: 'none' } }, 'node.endpoint'],
  'technician.testNode': [{ node: { endpoint: '' } }, 'node.endpoint'],
  'technician.setKioskTiming': [{ timing: { idleSeconds: 60, warningSeconds: 10 } }, 'timing.warningSeconds'],
  'technician.diagnostics': [{ secrets: true }, '(request)'],
  'technician.logSettings': [{ level: 'debug' }, '(request)'],
  'technician.setLogLevel': [{ level: 'verbose' }, 'level'],
  'technician.journalSearch': [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'from'],
  'operator.login': [{ operatorId: 'm rossi', pin: '1111' }, 'operatorId'],
  'operator.logout': [{ operatorId: 'mrossi' }, '(request)'],
  'operator.whoami': [{ auth: 'x' }, '(request)'],
  'operator.list': [{ all: true }, '(request)'],
  'operator.save': [{ id: 'mrossi', name: 'Mario', role: 'operator', pin: '12' }, 'pin'],
  'certificate.preview': [{ sessionId: SID, locale: 'fr' }, 'locale'],
  'certificate.print': [{ sessionId: SID, paper: 'a5' }, 'paper'],
  'printer.configured': [{ target: 'x' }, '(request)'],
  'printer.status': [{ target: 'x' }, '(request)'],
  'printer.jobs': [{ limit: 0 }, 'limit'],
  'printer.retryJob': [{ jobId: '' }, 'jobId'],
  'printer.discardJob': [{}, 'jobId'],
  'printer.models': [{ all: true }, '(request)'],
  'printer.chooseModel': [{ model: '' }, 'model'],
  'printer.testPage': [{ copies: 2 }, '(request)'],
  'catalogue.status': [{ all: true }, '(request)'],
  'catalogue.search': [{ words: 'bollo', limit: 0 }, 'limit'],
  'catalogue.refresh': [{ force: true }, '(request)'],
  'kiosk.services': [{ all: true }, '(request)'],
  'technician.kioskServices': [{ kiosk: 1 }, '(request)'],
  'technician.setKioskServices': [{ idSoggettoServizio: [''] }, 'idSoggettoServizio.0'],
  'fleet.status': [{ x: 1 }, '(request)'],
  'fleet.configure': [
    { enabled: true, brokerUrl: 'mqtt://u:p@broker', username: null, clientCert: null, ca: null, topicPrefix: 'sportello', group: null },
    'brokerUrl',
  ],
  'shift.open': [{ operatorId: 'mrossi', floatCents: 150.5 }, 'floatCents'],
  'shift.current': [{ terminalId: 'T1' }, '(request)'],
  'shift.close': [{ shiftId: 'shift-1', countedCashCents: -1 }, 'countedCashCents'],
  'shift.xReport': [{ shiftId: 'shift-1' }, '(request)'],
  'shift.zReport': [{ shiftId: '' }, 'shiftId'],
  'shift.reportCsv': [{ kind: 'y' }, 'kind'],
  'shift.printReport': [{ kind: 'z', locale: 'fr' }, 'locale'],
};

describe('the call list', () => {
  test('holds every required call, each with a request and a response schema', () => {
    for (const name of REQUIRED) assert.ok(CALL_NAMES.includes(name), `${name} is missing`);
    for (const name of CALL_NAMES) {
      assert.ok(CALLS[name].request instanceof z.ZodType, `${name} request`);
      assert.ok(CALLS[name].response instanceof z.ZodType, `${name} response`);
    }
    // the tables below cover every call, so a new call cannot arrive untested
    assert.deepEqual(Object.keys(GOOD).sort(), [...CALL_NAMES].sort());
    assert.deepEqual(Object.keys(BAD).sort(), [...CALL_NAMES].sort());
  });

  test('names are looked up as own keys only', () => {
    assert.equal(isCallName('session.start'), true);
    for (const n of ['toString', '__proto__', 'constructor', 'session', '', 42, null]) assert.equal(isCallName(n), false, String(n));
    assert.equal(isEventName('session.updated'), true);
    assert.equal(isEventName('hasOwnProperty'), false);
  });
});

describe('requests', () => {
  for (const name of CALL_NAMES) {
    test(`${name}: accepts a good request, refuses a bad one as REQUEST_INVALID naming the field`, () => {
      assert.equal(CALLS[name].request.safeParse(GOOD[name]).success, true);
      const [bad, path] = BAD[name];
      const r = CALLS[name].request.safeParse(bad);
      assert.equal(r.success, false);
      if (r.success) return;
      const e = requestInvalid(r.error);
      assert.equal(e.code, 'REQUEST_INVALID');
      assert.ok(e.message.startsWith(`${path}: `), e.message);
      assert.equal((e.details?.issues as { path: string }[])[0]?.path, path);
    });
  }

  test('an unknown field is refused rather than ignored (a typo never changes a payment silently)', () => {
    const r = CALLS['session.tender'].request.safeParse({ sessionId: SID, method: 'cash', givenCent: 20000 });
    assert.equal(r.success, false);
  });

  test('addNotice takes either scanned text or the two manual fields, not neither', () => {
    const req = CALLS['session.addNotice'].request;
    assert.equal(
      req.safeParse({ sessionId: SID, manual: { fiscalCode: '77777777777', noticeNumber: '301020250000000129' } }).success,
      true,
    );
    assert.equal(req.safeParse({ sessionId: SID }).success, false);
  });

  test('search: filters combine (none lists the newest); amounts are integer cents, times ISO', () => {
    const req = CALLS['sessions.search'].request;
    assert.equal(req.safeParse({ noticeNumber: '301020250000000129' }).success, true);
    assert.equal(req.safeParse({ noticeNumber: '301020250000000129', paymentToken: 'abc', amountCents: 4700 }).success, true);
    assert.equal(req.safeParse({}).success, true);
    assert.equal(req.safeParse({ amountCents: 47.5 }).success, false);
    assert.equal(req.safeParse({ from: '2026-12-05' }).success, false);
  });
});

describe('responses', () => {
  test('drop what they do not declare: outcome details and stray fields never leave', () => {
    const m = {
      id: 1,
      sessionId: SID,
      noticeId: 1,
      paymentToken: 't',
      outcome: 'OK',
      state: 'pending',
      attempts: 0,
      nextAttemptAtMs: 1,
      deadlineMs: 2,
      stalled: false,
      idempotencyKey: null,
      lastErrorCode: null,
      lastErrorMessage: null,
      createdAt: 'a',
      updatedAt: 'b',
      details: { fee: 150, payer: 'Mario Rossi' },
      password: 'hunter22',
    };
    const out = CALLS['outbox.retry'].response.parse(m);
    assert.equal('details' in out, false);
    assert.equal('password' in out, false);
    assert.equal(out.paymentToken, 't');
  });

  test('money is integer cents: a float amount is refused by the session schema', () => {
    const tender = { method: 'cash', noticesCents: 12000, feeCents: 150, dueCents: 12150, givenCents: 20000, changeCents: 7850 };
    assert.equal(CALLS['session.quote'].response.safeParse(tender).success, true);
    assert.equal(CALLS['session.quote'].response.safeParse({ ...tender, feeCents: 1.5 }).success, false);
    assert.equal(CALLS['session.quote'].response.safeParse({ ...tender, dueCents: '121.50' }).success, false);
  });
});

describe('events', () => {
  test('each has a schema, and the device and node statuses hold their shapes', () => {
    assert.deepEqual([...EVENT_NAMES].sort(), [
      'devices.status',
      'node.status',
      'outbox.status',
      'printer.status',
      'scanner.scan',
      'session.updated',
    ]);
    for (const e of EVENT_NAMES) assert.ok(EVENTS[e] instanceof z.ZodType);
    const hid = { id: 'hid:0c2e:0b61', kind: 'hid-pos', name: '0c2e:0b61 /dev/hidraw3', lastScanAt: null, since: 5 };
    assert.equal(EVENTS['devices.status'].safeParse({ scanners: [{ ...hid, status: 'ready' }], printers: [] }).success, true);
    const denied = { ...hid, status: 'permission-denied', problem: { code: 'permission-denied', fix: 'write a udev rule' } };
    assert.equal(EVENTS['devices.status'].safeParse({ scanners: [denied], printers: [] }).success, true);
    assert.equal(
      EVENTS['devices.status'].safeParse({ scanners: [{ ...hid, status: 'paper-out' }], printers: [] }).success,
      false,
      'a status is one of the states, no longer any driver word',
    );
    assert.equal(EVENTS['node.status'].safeParse({ state: 'reachable', lastExchangeAtMs: 1, lastErrorCode: null }).success, true);
    assert.equal(EVENTS['node.status'].safeParse({ state: 'maybe', lastExchangeAtMs: 1, lastErrorCode: null }).success, false);
    assert.equal(
      EVENTS['outbox.status'].safeParse({ depth: 1, inFlight: 0, needsDecision: 0, oldestDeadlineMs: null }).success,
      false,
      'stalled is required',
    );
  });
});
