// NodeClient against real HTTP servers on 127.0.0.1: happy paths, headers, keep-alive, the hook.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { xsdValidator } from '../../../sim/xsd';
import { NodeClient, NodeFault, RequestInvalid, type NodeExchange } from '../../../main/node';
import { PRIMITIVES, PRIMITIVE_INFO, type Primitive } from '../../../main/protocol';
import { bodyChildOf, fixture } from '../../unit/main/protocol/support';
import { SAMPLES } from '../../unit/main/protocol/samples';
import { KEY, PASSWORD, clientConfig as config, reply, startStub } from './stub-server';

const OK_FIXTURE: Record<Primitive, string> = {
  verifyPaymentNotice: 'valid/verifyPaymentNotice.ok.xml',
  activatePaymentNotice: 'valid/activatePaymentNotice.ok.xml',
  activatePaymentNoticeV2: 'valid/activatePaymentNoticeV2.ok-5-transfers.xml',
  sendPaymentOutcome: 'valid/sendPaymentOutcome.ok.xml',
  sendPaymentOutcomeV2: 'valid/sendPaymentOutcomeV2.ok.xml',
  verificaBollettino: 'valid/verificaBollettino.ok.xml',
  demandPaymentNotice: 'valid/demandPaymentNotice.ok.xml',
  nodoChiediCatalogoServiziV2: 'valid/nodoChiediCatalogoServiziV2.ok.xml',
};

/** The samples, with the idempotency key the client insists on for activate and outcome. */
function request(p: Primitive): never {
  const r = SAMPLES[p].full as Record<string, unknown>;
  return ('idempotencyKey' in r ? r : { ...r, idempotencyKey: '12345678901_0000000001' }) as never;
}

describe('round trips', () => {
  test('every primitive: POST, SOAPAction, content type, subscription key, XSD-valid body, typed result', async (t) => {
    const stub = await startStub(t, (req, _body, res) => {
      const p = PRIMITIVES.find((x) => PRIMITIVE_INFO[x].soapAction === req.headers.soapaction);
      if (!p) return reply(res, 'unknown action', 500, 'text/plain');
      reply(res, fixture(OK_FIXTURE[p]));
    });
    const client = new NodeClient(config(stub.url));
    t.after(() => client.close());
    const v = await xsdValidator();
    for (const [i, p] of PRIMITIVES.entries()) {
      const result = await client.call(p, request(p));
      assert.ok(result && typeof result === 'object', p);
      const got = stub.requests[i]!;
      assert.equal(got.method, 'POST');
      assert.equal(got.url, '/nodo-auth/node-for-psp/v1');
      assert.equal(got.headers.soapaction, PRIMITIVE_INFO[p].soapAction);
      assert.equal(got.headers['content-type'], 'text/xml; charset=utf-8');
      assert.equal(got.headers['ocp-apim-subscription-key'], KEY);
      assert.equal(Number(got.headers['content-length']), Buffer.byteLength(got.body));
      assert.deepEqual(await v.validate(bodyChildOf(got.body)), { valid: true, errors: [] }, p);
      assert.match(got.body, new RegExp(`<password>${PASSWORD}</password>`));
    }
  });

  test('the named methods return the decoded answer', async (t) => {
    const stub = await startStub(t, (req, _b, res) => {
      reply(
        res,
        fixture(req.headers.soapaction === 'verifyPaymentNotice' ? OK_FIXTURE.verifyPaymentNotice : OK_FIXTURE.activatePaymentNoticeV2),
      );
    });
    const client = new NodeClient(config(stub.url));
    t.after(() => client.close());
    const verified = await client.verifyPaymentNotice({ qrCode: { fiscalCode: '77777777777', noticeNumber: '302000100000009407' } });
    assert.equal(verified.paymentList[0]!.amount, 12010);
    const key = client.newIdempotencyKey();
    const activated = await client.activatePaymentNoticeV2({
      idempotencyKey: key,
      qrCode: { fiscalCode: '77777777777', noticeNumber: '302000100000009407' },
      amount: 12500,
      paymentMethod: 'PO',
      touchPoint: 'PSP',
    });
    assert.equal(activated.totalAmount, 12500);
    assert.ok(stub.requests[1]!.body.includes(`<idempotencyKey>${key}</idempotencyKey>`));
  });

  test('a KO answer rejects with NodeFault', async (t) => {
    const stub = await startStub(t, (_r, _b, res) => reply(res, fixture('valid/sendPaymentOutcomeV2.ko-esito-concorde.xml')));
    const client = new NodeClient(config(stub.url));
    t.after(() => client.close());
    await assert.rejects(
      client.sendPaymentOutcomeV2(request('sendPaymentOutcomeV2')),
      (e: unknown) => e instanceof NodeFault && e.classification.action === 'outcome-accepted',
    );
  });

  test('a KO answer under HTTP 500 is still the node answering', async (t) => {
    const stub = await startStub(t, (_r, _b, res) => reply(res, fixture('valid/verifyPaymentNotice.ko-duplicato.xml'), 500));
    const client = new NodeClient(config(stub.url));
    t.after(() => client.close());
    await assert.rejects(
      client.verifyPaymentNotice(request('verifyPaymentNotice')),
      (e: unknown) => e instanceof NodeFault && e.classification.action === 'notice-paid',
    );
  });
});

describe('nothing leaves when the request is refused locally', () => {
  test('activate and outcome need an idempotency key; bad fields never reach the node', async (t) => {
    const stub = await startStub(t, (_r, _b, res) => reply(res, fixture(OK_FIXTURE.sendPaymentOutcome)));
    const client = new NodeClient(config(stub.url));
    t.after(() => client.close());
    const noKey = { paymentToken: 'tok', outcome: 'KO' } as never;
    await assert.rejects(client.sendPaymentOutcome(noKey), (e: unknown) => e instanceof RequestInvalid && e.element === 'idempotencyKey');
    await assert.rejects(
      client.call('activatePaymentNotice', { qrCode: { fiscalCode: '77777777777', noticeNumber: '302000100000009407' }, amount: 100 }),
      RequestInvalid,
    );
    await assert.rejects(client.verifyPaymentNotice({ qrCode: { fiscalCode: '7', noticeNumber: '302000100000009407' } }), RequestInvalid);
    assert.equal(stub.requests.length, 0);
    assert.equal(stub.connections, 0);
  });
});

describe('keep-alive', () => {
  test('sequential calls reuse one connection', async (t) => {
    const stub = await startStub(t, (_r, _b, res) => reply(res, fixture(OK_FIXTURE.verifyPaymentNotice)));
    const client = new NodeClient(config(stub.url));
    t.after(() => client.close());
    for (let i = 0; i < 5; i++) await client.verifyPaymentNotice(request('verifyPaymentNotice'));
    assert.equal(stub.requests.length, 5);
    assert.equal(stub.connections, 1);
  });

  test('close() drops pooled connections; the next call opens a new one', async (t) => {
    const stub = await startStub(t, (_r, _b, res) => reply(res, fixture(OK_FIXTURE.verifyPaymentNotice)));
    const client = new NodeClient(config(stub.url));
    await client.verifyPaymentNotice(request('verifyPaymentNotice'));
    client.close();
    await client.verifyPaymentNotice(request('verifyPaymentNotice'));
    client.close();
    assert.equal(stub.connections, 2);
  });
});

describe('onExchange', () => {
  test('reports each exchange, with the password masked and no subscription key', async (t) => {
    const stub = await startStub(t, (_r, _b, res, i) =>
      i === 0 ? reply(res, fixture(OK_FIXTURE.verifyPaymentNotice)) : reply(res, '<html/>', 503, 'text/html'),
    );
    const seen: NodeExchange[] = [];
    const client = new NodeClient(config(stub.url, { onExchange: (e) => seen.push(e) }));
    t.after(() => client.close());
    await client.verifyPaymentNotice(request('verifyPaymentNotice'));
    await assert.rejects(client.verifyPaymentNotice(request('verifyPaymentNotice')));
    assert.equal(seen.length, 2);
    const [ok, failed] = seen;
    assert.equal(ok!.primitive, 'verifyPaymentNotice');
    assert.equal(ok!.soapAction, 'verifyPaymentNotice');
    assert.equal(ok!.status, 200);
    assert.equal(ok!.requestBytes, Buffer.byteLength(stub.requests[0]!.body));
    assert.equal(ok!.response, fixture(OK_FIXTURE.verifyPaymentNotice));
    assert.ok(ok!.ms >= 0);
    assert.equal(ok!.error, undefined);
    assert.ok(ok!.request.includes('<password>***</password>'));
    assert.deepEqual(failed!.error, { code: 'NODE_HTTP_ERROR' });
    assert.equal(failed!.status, 503);
    for (const e of seen) {
      const text = JSON.stringify(e);
      assert.ok(!text.includes(PASSWORD) && !text.includes(KEY), text);
    }
  });

  test('a throwing hook does not change the call', async (t) => {
    const stub = await startStub(t, (_r, _b, res) => reply(res, fixture(OK_FIXTURE.verifyPaymentNotice)));
    const client = new NodeClient(
      config(stub.url, {
        onExchange: () => {
          throw new Error('diagnostics broken');
        },
      }),
    );
    t.after(() => client.close());
    const r = await client.verifyPaymentNotice(request('verifyPaymentNotice'));
    assert.equal(r.paymentList.length, 1);
  });
});
