/**
 * A terminal as the benchmarks set it up: a data folder with a configuration pointing at a
 * simulator (so the core runs in configured mode against it, never starting its own), and fresh
 * positions on that simulator so every payment does real work (no replay, no "already paid").
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { saveConfig } from '../../main/config';
import { demoConfig } from '../../main/core/core';
import type { OutcomeDetailsV2, QrCode } from '../../main/protocol';
import type { Simulator } from '../../sim/simulator';

/** The seed's creditor with a 3-transfer split (TARI, TEFA, regional surcharge): 99.00. */
export const CREDITOR = '77777777777';
export const TRANSFERS = [
  { amountCents: 8000, iban: 'IT60X0542811101000000123456', remittanceInformation: 'TARI quota comunale' },
  { amountCents: 400, fiscalCodePA: '55555555555', iban: 'IT40S0542811101000000654321', remittanceInformation: 'TEFA' },
  { amountCents: 1500, fiscalCodePA: '66666666666', iban: 'IT02L1234512345123456789012', remittanceInformation: 'Addizionale regionale' },
];
export const POSITION_CENTS = TRANSFERS.reduce((s, t) => s + t.amountCents, 0);

export function cashDetails(feeCents = 150): OutcomeDetailsV2 {
  const today = new Date().toISOString().slice(0, 10);
  return { paymentMethod: 'cash', paymentChannel: 'frontOffice', fee: feeCents, applicationDate: today, transferDate: today };
}

export function freshNotices(sim: Simulator, n: number): QrCode[] {
  return Array.from({ length: n }, () => {
    const p = sim.addPosition({
      fiscalCode: CREDITOR,
      companyName: 'Comune di Borgo Esempio',
      paymentDescription: 'TARI benchmark',
      transfers: TRANSFERS,
    });
    return { fiscalCode: p.fiscalCode, noticeNumber: p.noticeNumber };
  });
}

/** The environment of a terminal whose data lives in `dir`, configured for `sim`. */
export function terminalEnv(dir: string, sim: Simulator): NodeJS.ProcessEnv {
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: join(dir, 'config.json') };
  saveConfig(demoConfig(sim), env);
  return env;
}
