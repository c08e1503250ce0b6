// A real finished payment for the certificate tests, made the way the terminal makes it: the core
// (startCore, configured by a config file pointing at a simulator over HTTP) pays a cart, its outbox
// delivers the outcomes, and the core is closed again, since the database is held exclusively by one
// core at a time, as the CLI command then opens it. The cart holds a seed notice and one added here
// whose creditor and description carry accents and whose amount needs a thousands separator.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../../db';
import { startCore } from '../../../../main/core/core';
import { loadSession } from '../../../../main/engine/store';
import type { NoticeRef, SessionState, SessionStatus } from '../../../../main/engine/types';
import type { Config } from '../../../../main/config';
import type { CertificateContext } from '../../../../drivers/certificate/index';
import { startSimulator, type Simulator } from '../../../../sim/simulator';
import { tempDir } from '../../../support/tmp';

export const TARI = { fiscalCode: '77777777777', noticeNumber: '301020250000000129', amountCents: 12_000 };
export const CANTEEN = '301020250000000230';
export const FORLI_FC = '80012345678';
export const PSP = { name: 'Banca Esempio S.p.A.', fiscalCode: '01234567890' };
export const TERMINAL = 'CASSA-3';

type T = { after(fn: () => unknown): void };

export interface Paid {
  sim: Simulator;
  dir: string;
  env: { SPORTELLO_DATA_DIR: string; SPORTELLO_CONFIG: string };
  state: SessionState;
  /** what the CLI reads besides the state */
  record: { terminalId: string; operatorId: string | null; tenderAtMs: number };
  /** the added notice: creditor with accents, €1.234,56 */
  forli: { fiscalCode: string; noticeNumber: string; iuv: string; companyName: string; description: string };
}

export const ref = (fiscalCode: string, noticeNumber: string): NoticeRef => ({
  fiscalCode,
  noticeNumber,
  scannedAmountCents: null,
  source: 'qr',
});

/**
 * Pays TARI and the Forlì notice in cash, operator 'mrossi'. With `settled: false` the core runs
 * without its outbox, so the OK outcomes stay queued and the session outcome-pending.
 */
export async function paidSession(t: T, opts: { settled?: boolean; locale?: 'it' | 'en' | 'de' } = {}): Promise<Paid> {
  const sim = await startSimulator({ port: 0 });
  t.after(() => sim.close());
  const dir = tempDir(t);
  const env = { SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: writeConfig(dir, sim, opts.locale ?? 'it') };
  const position = sim.addPosition({
    fiscalCode: FORLI_FC,
    companyName: 'Comune di Forlì',
    paymentDescription: 'Occupazione suolo pubblico – città, già rateizzata',
    transfers: [{ amountCents: 123_456, iban: 'IT60X0542811101000000123456', remittanceInformation: 'COSAP 2025' }],
  });
  const settled = opts.settled ?? true;
  const core = await startCore({ env, run: settled, retrySlotMs: 20 });
  try {
    const s = core.engine.startSession('counter', 'mrossi');
    await core.engine.addNotice(s.id, ref(TARI.fiscalCode, TARI.noticeNumber));
    await core.engine.addNotice(s.id, ref(FORLI_FC, position.noticeNumber));
    await core.engine.activate(s.id);
    await core.engine.tender(s.id, 'cash', 200_000);
    if (settled) await until(() => core.engine.get(s.id).status !== 'outcome-pending');
    const loaded = loadSession(core.db, s.id)!;
    const tender = core.db.tenders.listBySession(s.id)[0]!;
    return {
      sim,
      dir,
      env,
      state: loaded.state,
      record: { terminalId: loaded.record.terminalId, operatorId: loaded.record.operatorId, tenderAtMs: Date.parse(tender.createdAt) },
      forli: {
        fiscalCode: FORLI_FC,
        noticeNumber: position.noticeNumber,
        iuv: position.creditorReferenceId,
        companyName: 'Comune di Forlì',
        description: 'Occupazione suolo pubblico - città, già rateizzata',
      },
    };
  } finally {
    await core.close();
  }
}

/** Bounded wait: fails the test instead of hanging. */
export async function until(done: () => boolean, limitMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > limitMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The session's status as stored (opened after the command closed the database). */
export function storedStatus(p: Paid, sessionId = p.state.id): SessionStatus | undefined {
  const db = openDatabase(join(p.dir, 'sportello.db'));
  try {
    return loadSession(db, sessionId)?.state.status;
  } finally {
    db.close();
  }
}

/** The context the CLI builds: tender time from the tender row, terminal and operator from the session row. */
export function contextOf(p: Paid, over: Partial<CertificateContext> = {}): CertificateContext {
  return {
    psp: PSP,
    terminalId: p.record.terminalId,
    operatorId: p.record.operatorId,
    locale: 'it',
    variant: 'original',
    paidAtMs: p.record.tenderAtMs,
    printedAtMs: Date.now(),
    ...over,
  };
}

/** The tender's time as an Italian reader expects it, through Intl's it-IT formats (not the certificate's code). */
export function romeDateTime(ms: number): string {
  const date = new Date(ms).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' });
  const time = new Date(ms).toLocaleTimeString('it-IT', {
    timeZone: 'Europe/Rome',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  return `${date} ${time}`;
}

/**
 * Every value SANP asks for, as it must read on the Italian certificate of `paidSession`, each
 * after its label (text flattened: "Codice avviso 3010…"), so a value printed under the wrong label
 * (an IUV is the notice number minus its first digit) does not pass. Amounts are the fixture's:
 * 120,00 + 1.234,56, fee 1,50.
 */
export function requiredValues(p: Paid): string[] {
  const tari = p.sim.position(TARI.fiscalCode, TARI.noticeNumber)!;
  const notices = [
    {
      fc: TARI.fiscalCode,
      name: tari.companyName,
      nn: TARI.noticeNumber,
      iuv: tari.creditorReferenceId,
      text: tari.paymentDescription,
      amount: '€ 120,00',
    },
    {
      fc: p.forli.fiscalCode,
      name: p.forli.companyName,
      nn: p.forli.noticeNumber,
      iuv: p.forli.iuv,
      text: p.forli.description,
      amount: '€ 1.234,56',
    },
  ];
  return [
    `Data e ora ${romeDateTime(p.record.tenderAtMs)}`,
    `Prestatore (PSP) ${PSP.name}`,
    `Codice fiscale PSP ${PSP.fiscalCode}`,
    `Terminale ${TERMINAL}`,
    'Operatore mrossi',
    `Operazione ${p.state.id}`,
    ...notices.flatMap((n, i) => [
      `Avviso ${i + 1} di 2 Ente creditore ${n.name} Codice fiscale ente ${n.fc} Codice avviso ${n.nn} IUV ${n.iuv} Causale: ${n.text} Importo ${n.amount}`,
      `Codice univoco pagamento: ${p.state.notices[i]!.activation!.paymentToken}`,
    ]),
    'Importo avvisi € 1.354,56',
    'Commissione € 1,50',
    'TOTALE € 1.356,06',
    'Metodo di pagamento Contanti',
  ];
}

/** A configuration file for the core, pointing at the simulator and naming the test PSP. */
export function writeConfig(dir: string, sim: Simulator, locale: 'it' | 'en' | 'de'): string {
  const c = sim.credentials;
  const config: Config = {
    version: 1,
    node: {
      endpoint: sim.url,
      subscriptionKey: c.subscriptionKey,
      idPSP: c.idPSP,
      idBrokerPSP: c.idBrokerPSP,
      idChannel: c.idChannel,
      password: c.password,
      pspFiscalCode: PSP.fiscalCode,
      pspName: PSP.name,
      tokenDurationMs: 1_800_000,
      timeoutsMs: { verifyPaymentNotice: 5_000, activatePaymentNotice: 5_000, sendPaymentOutcome: 5_000 },
      isPoste: false,
    },
    terminal: { id: TERMINAL, kind: 'counter', locale, strictCheckDigit: false, kioskAbandonSeconds: 180 },
    fees: { kind: 'flat', cents: 150 },
  };
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
  return file;
}
