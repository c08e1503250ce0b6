import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyFault, KNOWN_FAULT_CODES, NodeBadResponse, RequestInvalid, PRIMITIVES, type FaultBean } from '../../../../main/protocol';
import { NodeHttpError, NodeNoResponse, NodeUnreachable, messageKeyFor } from '../../../../main/node';

type Tree = { [k: string]: string | Tree };
const LANGS = ['it', 'en', 'de'] as const;
const load = (lang: string): Tree =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../locales/${lang}/faults.json`, import.meta.url)), 'utf8')) as Tree;

function leaves(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Every message key the classifier and the transport can produce. */
function producedKeys(): Set<string> {
  const keys = new Set<string>();
  const descriptions = [
    undefined,
    'Esito concorde: {}',
    'Esito discorde: {}',
    'token multipli',
    'PAA_PAGAMENTO_SCADUTO',
    'Outcome non accettabile per stato pagamento',
    'Esito discorde',
    'Check marca da bollo',
  ];
  const codes = [...KNOWN_FAULT_CODES, 'PPT_UNKNOWN_NEW', 'CANALE_SYSTEM_ERROR', 'PPT_CANALE_NUOVO', ''];
  for (const p of PRIMITIVES) {
    for (const faultCode of codes) {
      for (const description of descriptions) {
        const bean: FaultBean = { faultCode, faultString: '', id: '', description };
        keys.add(classifyFault(bean, p).messageKey);
        // PAA_ codes are reached through the PPT_ wrapper
        keys.add(classifyFault({ ...bean, faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: faultCode }, p).messageKey);
      }
    }
  }
  const p = 'verifyPaymentNotice';
  const errors: unknown[] = [
    new NodeUnreachable(p, 'refused', {}),
    new NodeNoResponse(p, 'timeout', {}),
    new NodeHttpError(p, 401),
    new NodeHttpError(p, 503),
    new NodeHttpError(p, 404),
    new NodeBadResponse(p, 'not-xml', ''),
    new RequestInvalid('x', 'y'),
    new Error('anything else'),
  ];
  for (const e of errors) keys.add(messageKeyFor(e));
  return keys;
}

test('it, en and de have exactly the same keys, all non-empty', () => {
  const [it, ...others] = LANGS.map((l) => leaves(load(l)));
  for (const [i, other] of others.entries()) {
    assert.deepEqual([...other!.keys()].sort(), [...it!.keys()].sort(), `${LANGS[i + 1]} vs it`);
  }
  for (const [l, map] of LANGS.map((l) => [l, leaves(load(l))] as const)) {
    for (const [k, v] of map) assert.ok(v.trim().length > 0 && v.length <= 200, `${l}:${k}`);
  }
});

test('every message key the classifier or the transport produces exists in every language', () => {
  const produced = producedKeys();
  assert.ok(produced.size > 60, `only ${produced.size} keys produced`);
  for (const lang of LANGS) {
    const map = leaves(load(lang));
    for (const key of produced) {
      assert.ok(key.startsWith('faults.'), key);
      assert.ok(map.has(key.slice('faults.'.length)), `${lang}: missing ${key}`);
    }
  }
});

test('no message goes unused', () => {
  const produced = new Set([...producedKeys()].map((k) => k.slice('faults.'.length)));
  for (const key of leaves(load('it')).keys()) assert.ok(produced.has(key), `unused: ${key}`);
});
