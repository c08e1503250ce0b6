// Tender details typed at the counter (issue 13): the screen's check agrees with the contract's
// schema, and a full card number never passes either.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tenderDetails } from '../../../../../main/contract/calls';
import { detailsOf, EMPTY_DETAILS } from '../../../../../renderer/counter/payment/tender-details';

const card = (over: Partial<typeof EMPTY_DETAILS>) => detailsOf('card', { ...EMPTY_DETAILS, ...over });

describe('tender details', () => {
  test('what an operator copies from a slip passes, empty fields are left out', () => {
    assert.deepEqual(card({ authCode: ' 123456 ', brand: 'VISA', last4: '1234' }), {
      ok: true,
      details: { authCode: '123456', brand: 'VISA', last4: '1234' },
    });
    assert.deepEqual(card({}), { ok: true, details: undefined });
    assert.deepEqual(detailsOf('other', { ...EMPTY_DETAILS, reference: 'BON-2025/77', last4: '1234' }), {
      ok: true,
      details: { reference: 'BON-2025/77' },
    });
  });

  test('a full card number is refused by the screen and by the contract', () => {
    for (const [field, v] of [
      ['reference', '4111111111111111'],
      ['reference', 'n. 4111 1111 1111 1111'],
      ['reference', '4111-1111-1111-1111'],
      ['authCode', '411111111111'],
      ['last4', '41111111'],
    ] as const) {
      const screen = detailsOf(field === 'reference' ? 'other' : 'card', { ...EMPTY_DETAILS, [field]: v });
      assert.equal(screen.ok, false, `${field}=${v} on screen`);
      assert.equal(tenderDetails.safeParse({ [field]: v }).success, false, `${field}=${v} in the contract`);
    }
  });

  test("the screen's accepted details are the contract's", () => {
    const samples = [
      { authCode: 'A1B2C3' },
      { brand: 'Mastercard' },
      { last4: '0042' },
      { reference: 'rif 2025/77' },
      { authCode: 'A-1' },
      { brand: '1VISA' },
      { last4: '12a4' },
      { reference: '<script>' },
    ];
    for (const d of samples) {
      const [name, v] = Object.entries(d)[0]!;
      const screen = detailsOf(name === 'reference' ? 'other' : 'card', { ...EMPTY_DETAILS, [name]: v });
      assert.equal(screen.ok, tenderDetails.safeParse(d).success, JSON.stringify(d));
    }
    assert.equal(tenderDetails.safeParse({ pan: '1234' }).success, false, 'no other field');
  });
});
