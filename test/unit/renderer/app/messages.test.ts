// What the operator reads for an error: the core's message key first (node faults, payload
// readings, printer and certificate problems), then the code's own text, then a generic one that
// names the code. Checked against the real locale files, so every node fault the protocol module
// classifies has words in all three languages.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFault, KNOWN_FAULT_CODES, PRIMITIVES } from '../../../../main/protocol';
import { describeError, errorKey } from '../../../../renderer/app/messages';
import { hasKey, makeTranslate } from '../../../../renderer/app/i18n/translate';
import type { Catalogs, Lang } from '../../../../renderer/app/i18n/translate';

const ROOT = join(process.cwd(), 'locales');
const catalogs: Catalogs = Object.fromEntries(
  ['it', 'en', 'de'].map((l) => [
    l,
    Object.fromEntries(readdirSync(join(ROOT, l)).map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(ROOT, l, f), 'utf8'))])),
  ]),
);
const has = (lang: Lang) => (key: string) => hasKey(catalogs, lang, key);

describe('operator messages for errors', () => {
  test('a node fault speaks through its message key', () => {
    const t = makeTranslate(catalogs, 'it');
    const e = {
      code: 'NODE_FAULT',
      message: 'x',
      faultCode: 'PPT_PAGAMENTO_DUPLICATO',
      messageKey: 'faults.PPT_PAGAMENTO_DUPLICATO.verify',
    };
    assert.equal(
      describeError(e, t, has('it')),
      catalogs.it!.faults && (catalogs.it!.faults as { PPT_PAGAMENTO_DUPLICATO: { verify: string } }).PPT_PAGAMENTO_DUPLICATO.verify,
    );
  });

  test('a payload refusal uses the key in its details, filled with its details', () => {
    const t = makeTranslate(catalogs, 'en');
    const e = {
      code: 'PAYLOAD_INVALID',
      message: 'x',
      details: { reason: 'check-digit', messageKey: 'payload:error.check-digit', expected: '29', actual: '30' },
    };
    assert.equal(describeError(e, t, has('en')), 'The notice number is not valid: its last two digits should be 29, not 30.');
  });

  test("a transport failure the engine kept only as a code still gets the fault table's words", () => {
    for (const [code, key] of [
      ['NODE_UNREACHABLE', 'faults.transport.unreachable'],
      ['NODE_NO_RESPONSE', 'faults.transport.noResponse'],
      ['ACTIVATION_UNKNOWN', 'faults.transport.noResponse'],
    ]) {
      assert.equal(errorKey({ code: code! }, has('de')), key);
    }
  });

  test("the contract's own codes, then the generic text naming the code", () => {
    assert.equal(errorKey({ code: 'SHIFT_PAYMENT_OPEN' }, has('it')), 'app:errors.SHIFT_PAYMENT_OPEN');
    assert.equal(
      errorKey({ code: 'PRINTER_NOT_CONFIGURED', details: { messageKey: 'app:errors.PRINTER_NOT_CONFIGURED' } }, has('it')),
      'app:errors.PRINTER_NOT_CONFIGURED',
    );
    const t = makeTranslate(catalogs, 'en');
    assert.equal(
      describeError({ code: 'SOMETHING_NEW', message: 'm' }, t, has('en')),
      'Unexpected error (SOMETHING_NEW). Call the technician.',
    );
    // a key the core names but no file has falls through to the code
    assert.equal(errorKey({ code: 'TENDER_INVALID', messageKey: 'faults.NOPE' }, has('en')), 'app:errors.TENDER_INVALID');
  });

  test('the renderer resolves every message key the node fault classification can give, in it, en and de', () => {
    for (const p of PRIMITIVES) {
      for (const faultCode of [...KNOWN_FAULT_CODES, 'PPT_SOMETHING_NEW']) {
        for (const description of [undefined, 'Esito concorde: {}', 'Esito discorde: {}']) {
          const { messageKey } = classifyFault({ faultCode, faultString: '', id: 'NodoDeiPagamentiSPC', description }, p);
          for (const lang of ['it', 'en', 'de'] as const) {
            assert.equal(errorKey({ code: 'NODE_FAULT', messageKey }, has(lang)), messageKey, `${lang}: ${messageKey}`);
          }
        }
      }
    }
  });
});
