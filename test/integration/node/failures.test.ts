// Every way a call can fail on the wire, against real sockets on 127.0.0.1, with the `sent` flag
// the outbox relies on. No timing is asserted: short timeouts only keep the suite quick.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeBadResponse, NodeClient, NodeHttpError, NodeNoResponse, NodeUnreachable, messageKeyFor } from '../../../main/node';
import { fixture } from '../../unit/main/protocol/support';
import { SAMPLES } from '../../unit/main/protocol/samples';
import { tempDir } from '../../support/tmp';
import { clientConfig, closedPort, reply, startStub } from './stub-server';

const verify = SAMPLES.verifyPaymentNotice.full;
const outcome = { ...SAMPLES.sendPaymentOutcomeV2.full, idempotencyKey: '12345678901_0000000009' };

describe('the request never left: NodeUnreachable, sent=false', () => {
  test('connection refused on a closed port', async (t) => {
    const client = new NodeClient(clientConfig(`http://127.0.0.1:${await closedPort()}/node`));
    t.after(() => client.close());
    await assert.rejects(client.sendPaymentOutcomeV2(outcome), (e: unknown) => {
      assert.ok(e instanceof NodeUnreachable);
      assert.equal(e.code, 'NODE_UNREACHABLE');
      assert.equal(e.reason, 'refused');
      assert.equal(e.sent, false);
      assert.equal(e.retryable, true);
      assert.equal(e.primitive, 'sendPaymentOutcomeV2');
      assert.equal(messageKeyFor(e), 'faults.transport.unreachable');
      return true;
    });
  });

  test('a host name that does not resolve', async (t) => {
    // .invalid is reserved (RFC 6761): it never resolves, with or without a network.
    const client = new NodeClient(clientConfig('http://node.sportello.invalid/node'));
    t.after(() => client.close());
    await assert.rejects(
      client.verifyPaymentNotice(verify),
      (e: unknown) => e instanceof NodeUnreachable && e.sent === false && e.reason === 'dns',
    );
  });
});

describe('sent, no answer: NodeNoResponse, sent=true', () => {
  test('a server that reads the request and never answers -> timeout', async (t) => {
    const stub = await startStub(t, () => {});
    const client = new NodeClient(clientConfig(stub.url, { timeoutsMs: { sendPaymentOutcome: 200 } }));
    t.after(() => client.close());
    await assert.rejects(client.sendPaymentOutcomeV2(outcome), (e: unknown) => {
      assert.ok(e instanceof NodeNoResponse);
      assert.equal(e.code, 'NODE_NO_RESPONSE');
      assert.equal(e.reason, 'timeout');
      assert.equal(e.sent, true);
      assert.equal(e.retryable, true);
      assert.equal(e.details.timeoutMs, 200);
      return true;
    });
    assert.equal(stub.requests.length, 1);
  });

  test('an answer that starts but stalls is still a timeout', async (t) => {
    const stub = await startStub(t, (_r, _b, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': 10_000 });
      res.write('<soapenv:Envelope');
    });
    const client = new NodeClient(clientConfig(stub.url, { timeoutsMs: { verifyPaymentNotice: 200 } }));
    t.after(() => client.close());
    await assert.rejects(client.verifyPaymentNotice(verify), (e: unknown) => e instanceof NodeNoResponse && e.reason === 'timeout');
  });

  test('a server that destroys the socket after reading the request -> connection-lost', async (t) => {
    const stub = await startStub(t, (req) => req.socket.destroy());
    const client = new NodeClient(clientConfig(stub.url));
    t.after(() => client.close());
    await assert.rejects(
      client.sendPaymentOutcomeV2(outcome),
      (e: unknown) => e instanceof NodeNoResponse && e.reason === 'connection-lost' && e.sent === true,
    );
    assert.equal(stub.requests.length, 1);
  });

  test('a connection cut in the middle of the answer -> connection-lost', async (t) => {
    const stub = await startStub(t, (req, _b, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': 10_000 });
      res.write('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">', () => req.socket.destroy());
    });
    const client = new NodeClient(clientConfig(stub.url));
    t.after(() => client.close());
    await assert.rejects(client.verifyPaymentNotice(verify), (e: unknown) => e instanceof NodeNoResponse && e.reason === 'connection-lost');
  });

  test('a reused keep-alive socket reset before any byte of answer is connection-lost, not unreachable', async (t) => {
    // First call answers (the socket goes back to the pool); the second arrives on that same socket
    // and the server drops it: exactly the stale keep-alive race.
    const stub = await startStub(t, (req, _b, res, i) =>
      i === 0 ? reply(res, fixture('valid/verifyPaymentNotice.ok.xml')) : req.socket.destroy(),
    );
    const client = new NodeClient(clientConfig(stub.url));
    t.after(() => client.close());
    await client.verifyPaymentNotice(verify);
    await assert.rejects(client.sendPaymentOutcomeV2(outcome), (e: unknown) => {
      assert.ok(e instanceof NodeNoResponse, String(e));
      assert.equal(e.reason, 'connection-lost');
      assert.equal(e.sent, true);
      assert.equal(e.details.reusedSocket, true);
      return true;
    });
    assert.equal(stub.connections, 1);
    assert.equal(stub.requests.length, 2);
  });
});

describe('HTTP errors: NodeHttpError with the right retryable', () => {
  const cases: Array<[number, boolean, string]> = [
    [401, false, 'faults.transport.httpAuth'],
    [403, false, 'faults.transport.httpAuth'],
    [404, false, 'faults.transport.httpOther'],
    [429, true, 'faults.transport.httpServer'],
    [500, true, 'faults.transport.httpServer'],
    [502, true, 'faults.transport.httpServer'],
    [503, true, 'faults.transport.httpServer'],
    [504, true, 'faults.transport.httpServer'],
  ];
  for (const [status, retryable, key] of cases) {
    test(`HTTP ${status}`, async (t) => {
      const stub = await startStub(t, (_r, _b, res) =>
        reply(res, JSON.stringify({ statusCode: status, message: 'Access denied' }), status, 'application/json'),
      );
      const client = new NodeClient(clientConfig(stub.url));
      t.after(() => client.close());
      await assert.rejects(client.verifyPaymentNotice(verify), (e: unknown) => {
        assert.ok(e instanceof NodeHttpError);
        assert.equal(e.code, 'NODE_HTTP_ERROR');
        assert.equal(e.status, status);
        assert.equal(e.retryable, retryable);
        assert.equal(e.sent, true);
        assert.equal(messageKeyFor(e), key);
        return true;
      });
    });
  }

  test('HTTP 500 carrying a SOAP Fault keeps faultcode and faultstring', async (t) => {
    const stub = await startStub(t, (_r, _b, res) => reply(res, fixture('invalid/soap-fault.xml'), 500));
    const client = new NodeClient(clientConfig(stub.url));
    t.after(() => client.close());
    await assert.rejects(
      client.verifyPaymentNotice(verify),
      (e: unknown) => e instanceof NodeHttpError && e.status === 500 && e.details.faultstring === 'Internal Error',
    );
  });
});

describe('unreadable answers: NodeBadResponse', () => {
  test('an HTML page with status 200', async (t) => {
    const stub = await startStub(t, (_r, _b, res) => reply(res, fixture('invalid/html-error-page.html'), 200, 'text/html'));
    const client = new NodeClient(clientConfig(stub.url));
    t.after(() => client.close());
    await assert.rejects(
      client.verifyPaymentNotice(verify),
      (e: unknown) => e instanceof NodeBadResponse && e.reason === 'not-xml' && e.retryable && e.sent,
    );
  });

  test('an answer larger than maxResponseBytes', async (t) => {
    const stub = await startStub(t, (_r, _b, res) => reply(res, `<x>${'a'.repeat(10_000)}</x>`));
    const client = new NodeClient(clientConfig(stub.url, { maxResponseBytes: 4096 }));
    t.after(() => client.close());
    await assert.rejects(client.verifyPaymentNotice(verify), (e: unknown) => e instanceof NodeBadResponse && e.reason === 'too-large');
  });
});

describe('https', () => {
  function selfSignedCert(dir: string): { key: string; cert: string } {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  }

  test('round trip with a trusted CA, keep-alive over TLS', async (t) => {
    const tls = selfSignedCert(tempDir(t));
    const stub = await startStub(t, (_r, _b, res) => reply(res, fixture('valid/verifyPaymentNotice.ok.xml')), tls);
    const client = new NodeClient(clientConfig(stub.url, { ca: tls.cert }));
    t.after(() => client.close());
    await client.verifyPaymentNotice(verify);
    const r = await client.verifyPaymentNotice(verify);
    assert.equal(r.paymentList[0]!.amount, 12010);
    assert.equal(stub.connections, 1);
  });

  test('an untrusted certificate: unreachable, nothing sent, not retryable', async (t) => {
    const tls = selfSignedCert(tempDir(t));
    const stub = await startStub(t, (_r, _b, res) => reply(res, fixture('valid/verifyPaymentNotice.ok.xml')), tls);
    const client = new NodeClient(clientConfig(stub.url));
    t.after(() => client.close());
    await assert.rejects(client.sendPaymentOutcomeV2(outcome), (e: unknown) => {
      assert.ok(e instanceof NodeUnreachable, String(e));
      assert.equal(e.reason, 'tls');
      assert.equal(e.sent, false);
      assert.equal(e.retryable, false);
      return true;
    });
    assert.equal(stub.requests.length, 0);
  });
});
