// `sportello pay --service ID --data FILE.xml` (issue 15): a car tax demanded with the document as
// it is, paid in the same cart as a scanned notice, down to the creditor's position being paid; a
// document the creditor refuses against its XSD is SERVICE_DATA_REFUSED naming the element, and
// nothing is paid. Real processes over real HTTP to `sportello sim`, as in pay-tender.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { carTaxCents } from '../../../sim/services/car-tax';
import { tempDir } from '../../support/tmp';
import { httpJson } from '../../support/http';

const bin = join(import.meta.dirname, '../../../bin/sportello.mjs');
const TARI = 'PAGOPA|002|301020250000000129|77777777777|12000';
const NS = 'http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto';
const carTax = (plate: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<tassaAuto xmlns="${NS}"><veicoloConTarga><tipoVeicoloTarga>1</tipoVeicoloTarga>` +
  `<veicoloTarga>${plate}</veicoloTarga></veicoloConTarga></tassaAuto>\n`;

function startSim(t: { after(fn: () => void): void }): Promise<string> {
  const child = spawn(process.execPath, [bin, 'sim', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /SOAP endpoint\s+(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`sim exited ${code}: ${out}`)));
  });
}

const run = (args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

interface Notice {
  phase: string;
  ref: {
    fiscalCode: string;
    noticeNumber: string;
    source: string;
    service?: { idSoggettoServizio: string; data: { name: string; value: string }[] };
  };
  activation: { totalAmountCents: number } | null;
}
interface PayJson {
  session?: { status: string; notices: Notice[] };
  error?: { code: string; details?: { field?: string; faultCode?: string } };
}

async function configured(t: { after(fn: () => void): void }) {
  const url = await startSim(t);
  const dir = tempDir(t);
  const env = { SPORTELLO_DATA_DIR: dir };
  assert.equal(run(['config', 'sim', '--url', url], env).status, 0);
  return { url, env, dir };
}

test('pay --service 00301 --data bollo.xml with a scanned notice: both paid, the car tax as the creditor computes it', async (t) => {
  const { url, env, dir } = await configured(t);
  const data = join(dir, 'bollo.xml');
  writeFileSync(data, carTax('AB123CD'));
  const r = run(['pay', '--notice', TARI, '--service', '00301', '--data', data, '--tender', 'card', '--json'], env);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const { session } = JSON.parse(r.stdout) as PayJson;
  assert.equal(session?.status, 'completed');
  const [paper, service] = session!.notices;
  assert.equal(paper!.ref.source, 'qr');
  assert.deepEqual([service!.ref.source, service!.ref.fiscalCode, service!.phase], ['service', '66666666666', 'accepted']);
  assert.equal(service!.activation?.totalAmountCents, carTaxCents('1', 'AB123CD'));
  assert.deepEqual(service!.ref.service?.data.find((d) => d.name === 'veicoloTarga')?.value, 'AB123CD');
  const admin = url.replace(/\/nodo-auth.*$/, '/admin');
  const p = (await httpJson(`${admin}/positions/66666666666/${service!.ref.noticeNumber}`)).json as { state: string };
  assert.equal(p.state, 'paid');
});

test('a document the creditor refuses: SERVICE_DATA_REFUSED naming the element, nothing paid', async (t) => {
  const { env, dir } = await configured(t);
  const data = join(dir, 'bad.xml');
  writeFileSync(data, carTax('AB123CDEFGH')); // stTarga allows 8 characters at most
  const r = run(['pay', '--service', '00301', '--data', data, '--tender', 'card', '--json'], env);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const { error } = JSON.parse(r.stdout) as PayJson;
  assert.equal(error?.code, 'SERVICE_DATA_REFUSED');
  assert.equal(error?.details?.faultCode, 'PAA_SINTASSI_XSD');
  assert.equal(error?.details?.field, 'veicoloConTarga/veicoloTarga');
});

test('--service without --data is a usage error', (t) => {
  const env = { SPORTELLO_DATA_DIR: tempDir(t) };
  const r = run(['pay', '--service', '00301', '--tender', 'card'], env);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--data/);
});
