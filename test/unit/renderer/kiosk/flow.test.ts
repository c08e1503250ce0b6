// The kiosk's pure parts: what a citizen is told for each node fault, and which step follows an answer.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { faultCodeOf, problemOfError, problemOfFault } from '../../../../renderer/kiosk/problems';
import type { ProblemKey } from '../../../../renderer/kiosk/problems';
import { afterActivate, afterOutcome, afterVerify } from '../../../../renderer/kiosk/steps';
import type { Session } from '../../../../renderer/kiosk/steps';
import { groupDigits } from '../../../../renderer/kiosk/digits';
import { classifyFault } from '../../../../main/protocol/classify';

const verified = {
  id: 1,
  phase: 'verified' as const,
  amountChanged: false,
  lastError: null,
  creditorReportCode: null,
  activation: null,
  ref: { fiscalCode: '77777777777', noticeNumber: '301020250000000129', scannedAmountCents: 12000, source: 'qr' as const },
  verification: { amountCents: 12000, description: 'TARI', companyName: 'Comune', officeName: null, dueDate: null, standin: false },
};
const session = (over: Partial<Session>, notice: Partial<Session['notices'][number]> = {}): Session => ({
  id: 's1',
  status: 'cart',
  nextNoticeId: 2,
  tender: null,
  decisionReason: null,
  notices: [{ ...verified, ...notice }],
  ...over,
});

describe('citizen wording of node faults', () => {
  test('the classification key names the creditor fault inside PPT_ERRORE_EMESSO_DA_PAA', () => {
    const c = classifyFault(
      { faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', faultString: 'x', id: '77777777777', originalFaultCode: 'PAA_PAGAMENTO_SCADUTO' },
      'verifyPaymentNotice',
    );
    const e = { code: 'NODE_FAULT', faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', messageKey: c.messageKey };
    assert.equal(faultCodeOf(e), 'PAA_PAGAMENTO_SCADUTO');
    assert.equal(problemOfFault(e), 'expired');
  });

  test('each case a citizen can act on has its own words; the rest is "cannot pay here"', () => {
    const cases: Array<[string, ProblemKey]> = [
      ['PPT_PAGAMENTO_DUPLICATO', 'already-paid'],
      ['PAA_PAGAMENTO_DUPLICATO', 'already-paid'],
      ['PAA_PAGAMENTO_ANNULLATO', 'annulled'],
      ['PPT_PAGAMENTO_SCONOSCIUTO', 'unknown-notice'],
      ['PPT_PAGAMENTO_IN_CORSO', 'in-progress'],
      ['PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE', 'try-later'],
      ['PPT_SYSTEM_ERROR', 'try-later'],
      ['PPT_AUTENTICAZIONE', 'cannot-pay-here'],
      ['PPT_CANALE_SCONOSCIUTO', 'cannot-pay-here'],
    ];
    for (const [faultCode, key] of cases) {
      const c = classifyFault({ faultCode, faultString: 'x', id: 'NodoDeiPagamentiSPC' }, 'verifyPaymentNotice');
      assert.equal(problemOfFault({ code: 'NODE_FAULT', faultCode, messageKey: c.messageKey }), key, faultCode);
    }
    assert.equal(problemOfFault({ code: 'NODE_UNREACHABLE' }), 'try-later');
    assert.equal(problemOfFault(null), null);
    assert.equal(problemOfError({ code: 'CARD_NOT_REVERSED', message: '' }), 'not-reversed');
    assert.equal(problemOfError({ code: 'PAYLOAD_INVALID', message: '' }), 'unreadable');
    assert.equal(problemOfError({ code: 'SOMETHING_NEW', message: '' }), 'unexpected');
  });

  test('every problem has its title and text in it, en and de', () => {
    const keys: ProblemKey[] = [
      'already-paid',
      'expired',
      'annulled',
      'unknown-notice',
      'in-progress',
      'try-later',
      'cannot-pay-here',
      'unreadable',
      'reversed',
      'not-reversed',
      'needs-staff',
      'unexpected',
    ];
    for (const lang of ['it', 'en', 'de']) {
      const kiosk = JSON.parse(readFileSync(join(process.cwd(), 'locales', lang, 'kiosk.json'), 'utf8')) as {
        problem: Record<string, { title?: string; text?: string }>;
      };
      for (const k of keys) assert.ok(kiosk.problem[k]?.title && kiosk.problem[k]?.text, `${lang} ${k}`);
    }
  });
});

describe('the next step', () => {
  test('a verified notice shows its details; a failed one says why', () => {
    assert.equal(afterVerify(session({})).kind, 'details');
    const failed = afterVerify(
      session(
        {},
        {
          phase: 'verify-failed',
          verification: null,
          lastError: {
            code: 'NODE_FAULT',
            message: 'x',
            faultCode: 'PPT_PAGAMENTO_DUPLICATO',
            messageKey: 'faults.PPT_PAGAMENTO_DUPLICATO.verify',
          },
        },
      ),
    );
    assert.deepEqual(failed, { kind: 'problem', problem: { key: 'already-paid' } });
  });

  test('only an activated session goes on to the total', () => {
    assert.deepEqual(afterActivate(session({ status: 'activated' })), { ok: true });
    const refused = afterActivate(
      session({ status: 'activation-refused' }, { phase: 'activation-refused', lastError: { code: 'NODE_UNREACHABLE', message: 'x' } }),
    );
    assert.deepEqual(refused, { ok: false, step: { kind: 'problem', problem: { key: 'try-later' } } });
  });

  test('after the tender: the receipt once the node took it, staff when it needs a decision, else wait', () => {
    assert.equal(afterOutcome(session({ status: 'completed' })), 'receipt');
    assert.equal(afterOutcome(session({ status: 'certified' })), 'receipt');
    assert.equal(afterOutcome(session({ status: 'needs-decision' })), 'staff');
    assert.equal(afterOutcome(session({ status: 'refund-required' })), 'staff');
    assert.equal(afterOutcome(session({ status: 'outcome-pending' })), 'wait');
  });

  test('typed digits are grouped as printed on the notice', () => {
    assert.equal(groupDigits('301020250000000129'), '3010 2025 0000 0001 29');
    assert.equal(groupDigits('3010'), '3010');
    assert.equal(groupDigits(''), '');
  });
});
