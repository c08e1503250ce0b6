/**
 * The seed: the simulator's initial state (creditors, positions, service catalogue), read from a
 * JSON file (sim/seed/default.json unless --seed names another) and checked before anything is
 * loaded. `applySeed` replaces the whole state with it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MAX_CENTS } from '../kernel/money';
import { SportelloError } from '../kernel/errors';
import {
  describeIssues,
  fiscalCodePA,
  isoDate,
  noticeNumber,
  positionInput,
  postalAccount,
  text,
  toPosition,
  toTransfers,
  transferInput,
} from './position-input';
import type { Creditor, Service } from './model';
import type { SimState } from './state';

export const DEFAULT_SEED_PATH = fileURLToPath(new URL('./seed/default.json', import.meta.url));

export class SimSeedError extends SportelloError {
  constructor(message: string, details: Record<string, unknown>) {
    super('SIM_SEED_INVALID', message, { details });
  }
}

const creditorInput = z.strictObject({
  fiscalCode: fiscalCodePA,
  companyName: text(140),
  station: z.enum(['online', 'unreachable']).default('online'),
  postalAccounts: z.array(postalAccount).default([]),
});

/** Where a rule's amount is paid: the provider's creditor, on this IBAN (transfer 1). */
const ruleBeneficiary = {
  iban: z.string().regex(/^[a-zA-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/, 'not an IBAN'),
  remittanceInformation: text(140),
  transferCategory: text(140).optional(),
};

const amountRule = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('car-tax'), ...ruleBeneficiary }),
  z.strictObject({
    rule: z.literal('from-data'),
    element: z.string().regex(/^[A-Za-z_][\w.-]{0,63}$/, 'must be an element local name'),
    ...ruleBeneficiary,
  }),
]);

const providerInput = z
  .strictObject({
    idSoggettoServizio: text(5).length(5),
    idDominio: fiscalCodePA,
    denominazioneEnteCreditore: text(70),
    dataInizioValidita: isoDate,
    dataFineValidita: isoDate.optional(),
    commissione: z.enum(['Y', 'N']).optional(),
    paymentDescription: text(140),
    officeName: text(140).optional(),
    amount: amountRule.optional(),
    transfers: z.array(transferInput).max(5).default([]),
  })
  .superRefine((p, ctx) => {
    if (p.amount === undefined && p.transfers.length === 0)
      ctx.addIssue({ code: 'custom', message: 'without an amount rule a provider needs 1..5 transfers', path: ['transfers'] });
    if (p.amount !== undefined && p.transfers.length > 4)
      ctx.addIssue({ code: 'custom', message: "with an amount rule at most 4 fixed transfers follow the rule's", path: ['transfers'] });
    if (p.dataFineValidita !== undefined && p.dataFineValidita < p.dataInizioValidita)
      ctx.addIssue({ code: 'custom', message: 'dataFineValidita is before dataInizioValidita', path: ['dataFineValidita'] });
  });

export const serviceInput = z
  .strictObject({
    idServizio: text(5).length(5),
    descrizioneServizio: text(70),
    categoria: text(35).optional(),
    xsdRiferimento: text(35).regex(/^[\w.-]+\.xsd$/, 'must be a schema file name such as Cie_1_0_0.xsd'),
    providers: z.array(providerInput).min(1),
  })
  .superRefine((s, ctx) => {
    const ids = s.providers.map((p) => p.idSoggettoServizio);
    ids.forEach((id, j) => {
      if (ids.indexOf(id) !== j) ctx.addIssue({ code: 'custom', message: `duplicate idSoggettoServizio ${id}`, path: ['providers', j] });
    });
    s.providers.forEach((p, j) => {
      if (p.amount?.rule === 'car-tax' && !/^TassaAutomobilistica_/.test(s.xsdRiferimento))
        ctx.addIssue({ code: 'custom', message: 'the car-tax rule needs a TassaAutomobilistica schema', path: ['providers', j, 'amount'] });
    });
  });

export type ServiceInput = z.infer<typeof serviceInput>;

/** Notices that deliberately do not exist, listed so people can try the "unknown" answers. */
const absentInput = z.strictObject({
  label: text(80),
  fiscalCode: fiscalCodePA,
  noticeNumber,
  amountCents: z.int().min(1).max(MAX_CENTS),
});

const seedSchema = z
  .strictObject({
    description: z.string().optional(),
    creditors: z.array(creditorInput),
    positions: z.array(positionInput),
    absent: z.array(absentInput).default([]),
    services: z.array(serviceInput).default([]),
  })
  .superRefine((s, ctx) => {
    const known = new Set(s.creditors.map((c) => c.fiscalCode));
    const seen = new Set<string>();
    s.positions.forEach((p, i) => {
      if (p.noticeNumber === undefined)
        ctx.addIssue({ code: 'custom', message: 'a seeded position needs its noticeNumber', path: ['positions', i] });
      if (!known.has(p.fiscalCode))
        ctx.addIssue({ code: 'custom', message: `creditor ${p.fiscalCode} is not in creditors`, path: ['positions', i] });
      const key = `${p.fiscalCode}/${p.noticeNumber}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `duplicate position ${key}`, path: ['positions', i] });
      seen.add(key);
    });
    const services = new Set<string>();
    const providers = new Set<string>();
    s.services.forEach((svc, i) => {
      if (services.has(svc.idServizio))
        ctx.addIssue({ code: 'custom', message: `duplicate idServizio ${svc.idServizio}`, path: ['services', i] });
      services.add(svc.idServizio);
      svc.providers.forEach((p, j) => {
        if (!known.has(p.idDominio))
          ctx.addIssue({ code: 'custom', message: `creditor ${p.idDominio} is not in creditors`, path: ['services', i, 'providers', j] });
        if (providers.has(p.idSoggettoServizio))
          ctx.addIssue({
            code: 'custom',
            message: `duplicate idSoggettoServizio ${p.idSoggettoServizio}`,
            path: ['services', i, 'providers', j],
          });
        providers.add(p.idSoggettoServizio);
      });
    });
  });

export type Seed = z.infer<typeof seedSchema>;
export type AbsentNotice = Seed['absent'][number];

export function parseSeed(json: unknown, source = 'seed'): Seed {
  const r = seedSchema.safeParse(json);
  if (!r.success) throw new SimSeedError(`${source} is not a valid simulator seed: ${describeIssues(r.error)}`, { source });
  return r.data;
}

export function loadSeed(path: string = DEFAULT_SEED_PATH): Seed {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SimSeedError(`cannot read the seed file ${path}: ${(e as Error).message}`, { path });
  }
  return parseSeed(json, path);
}

/** Replaces the whole state with the seed. */
export function applySeed(state: SimState, seed: Seed, now: number): void {
  state.transaction(() => {
    state.clear();
    for (const c of seed.creditors) {
      const creditor: Creditor = {
        fiscalCode: c.fiscalCode,
        companyName: c.companyName,
        station: c.station,
        postalAccounts: c.postalAccounts,
      };
      state.putCreditor(creditor);
    }
    for (const input of seed.positions) {
      const p = toPosition(input, input.noticeNumber as string, 'seed');
      if (p.paid) p.paid.at = now;
      state.putPosition(p);
    }
    for (const s of seed.services) state.putService(toService(s));
    state.setMeta('absent', seed.absent);
    state.setMeta('seeded', true);
  });
}

export function toService(s: ServiceInput): Service {
  return {
    idServizio: s.idServizio,
    descrizioneServizio: s.descrizioneServizio,
    ...(s.categoria !== undefined ? { categoria: s.categoria } : {}),
    xsdRiferimento: s.xsdRiferimento,
    providers: s.providers.map((p) => ({
      idSoggettoServizio: p.idSoggettoServizio,
      idDominio: p.idDominio,
      denominazioneEnteCreditore: p.denominazioneEnteCreditore,
      dataInizioValidita: p.dataInizioValidita,
      ...(p.dataFineValidita !== undefined ? { dataFineValidita: p.dataFineValidita } : {}),
      ...(p.commissione !== undefined ? { commissione: p.commissione } : {}),
      paymentDescription: p.paymentDescription,
      ...(p.officeName !== undefined ? { officeName: p.officeName } : {}),
      ...(p.amount !== undefined ? { amount: p.amount } : {}),
      transfers: toTransfers(p.transfers, { fiscalCode: p.idDominio, companyName: p.denominazioneEnteCreditore }),
    })),
  };
}
