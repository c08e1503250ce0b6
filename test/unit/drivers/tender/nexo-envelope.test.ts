// The nexo envelope and the edge of amounts: round trip, the failures that must refuse (wrong
// passphrase, wrong key identifier, tampered HMAC or blob), and interoperation with
// @adyen/api-library's NexoCrypto in both directions (the scheme's reference implementation).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { NexoEnvelopeInvalid } from '../../../../drivers/tender';
import { open, seal, type NexoKey } from '../../../../drivers/tender/nexo/envelope';
import { decimalToCents, fromWire, toWire } from '../../../../drivers/tender/nexo/amounts';

const key: NexoKey = { keyIdentifier: 'SportelloKey', keyVersion: 3, passphrase: 'correct horse battery staple' };
const message = JSON.stringify({ SaleToPOIResponse: { MessageHeader: { ServiceID: '1' }, Note: 'è già pagato – €' } });

type LibCrypto = {
  encrypt(h: unknown, json: string, k: unknown): { SecurityTrailer: { Hmac: string } };
  new (): { decrypt(m: unknown, k: unknown): string };
};
const NexoCrypto = (createRequire(import.meta.url)('@adyen/api-library/lib/src/security/nexoCrypto.js') as { default: LibCrypto }).default;
const libKey = (k: NexoKey) => ({
  KeyIdentifier: k.keyIdentifier,
  KeyVersion: k.keyVersion,
  Passphrase: k.passphrase,
  AdyenCryptoVersion: 1,
});

const refused = (reason: NexoEnvelopeInvalid['reason']) => (e: unknown) => e instanceof NexoEnvelopeInvalid && e.reason === reason;

describe('nexo envelope', () => {
  test('seal then open gives back the exact text (UTF-8 included), with a fresh nonce each time', () => {
    const a = seal({ ServiceID: '1' }, message, key);
    const b = seal({ ServiceID: '1' }, message, key);
    assert.equal(open(a, key), message);
    assert.notEqual(a.NexoBlob, b.NexoBlob);
    assert.deepEqual(
      { id: a.SecurityTrailer.KeyIdentifier, v: a.SecurityTrailer.KeyVersion, c: a.SecurityTrailer.AdyenCryptoVersion },
      { id: 'SportelloKey', v: 3, c: 1 },
    );
  });

  test('another passphrase does not open it', () => {
    assert.throws(
      () => open(seal({}, message, key), { ...key, passphrase: 'wrong' }),
      (e: unknown) => e instanceof NexoEnvelopeInvalid && ['decrypt', 'hmac'].includes(e.reason),
    );
  });

  test('another key identifier or version is refused before decrypting', () => {
    assert.throws(() => open(seal({}, message, key), { ...key, keyIdentifier: 'Other' }), refused('key-mismatch'));
    assert.throws(() => open(seal({}, message, key), { ...key, keyVersion: 4 }), refused('key-mismatch'));
  });

  test('a flipped HMAC bit or a blob from another message is refused', () => {
    const s = seal({}, message, key);
    const mac = Buffer.from(s.SecurityTrailer.Hmac, 'base64');
    mac[5] = mac[5]! ^ 1;
    assert.throws(() => open({ ...s, SecurityTrailer: { ...s.SecurityTrailer, Hmac: mac.toString('base64') } }, key), refused('hmac'));
    const other = seal({}, JSON.stringify({ other: true }), key);
    assert.throws(
      () => open({ ...s, NexoBlob: other.NexoBlob }, key),
      (e: unknown) => e instanceof NexoEnvelopeInvalid && ['decrypt', 'hmac'].includes(e.reason),
    );
  });

  test('garbage is a format error, not a crash', () => {
    assert.throws(() => open({ NexoBlob: 'x' }, key), refused('format'));
    assert.throws(() => open('nope', key), refused('format'));
    const s = seal({}, message, key);
    assert.throws(() => open({ ...s, SecurityTrailer: { ...s.SecurityTrailer, Nonce: 'AAAA' } }, key), refused('format'));
  });

  test("interoperates with @adyen/api-library's NexoCrypto both ways", () => {
    const ours = seal({ ServiceID: '9' }, message, key);
    assert.equal(new NexoCrypto().decrypt(ours, libKey(key)), message);
    const theirs = NexoCrypto.encrypt({ ServiceID: '9' }, message, libKey(key));
    assert.equal(open(theirs, key), message);
  });
});

describe('nexo amounts at the edge', () => {
  test('outgoing decimals become number literals; incoming literals are read without floats', () => {
    assert.equal(toWire('{"AmountsReq":{"RequestedAmount":"121.50"}}'), '{"AmountsReq":{"RequestedAmount":121.50}}');
    assert.equal(
      fromWire('{"AuthorizedAmount": 0.1,"Note":"\\"AuthorizedAmount\\":5"}'),
      '{"AuthorizedAmount":"0.1","Note":"\\"AuthorizedAmount\\":5"}',
    );
    assert.equal(decimalToCents('0.1'), 10);
    assert.equal(decimalToCents('121.5'), 12150);
    assert.equal(decimalToCents('121.50'), 12150);
    assert.equal(decimalToCents('7'), 700);
    for (const bad of ['1.234', '-1.00', '1e3', '', '12.']) assert.equal(decimalToCents(bad), null, bad);
  });
});
