/**
 * The simulator's car tax (tassa automobilistica, "bollo auto"): a deterministic amount computed from
 * the data of TassaAutomobilistica_1_1_0.xsd, so a tester can say in advance what a plate costs.
 *
 * The real tax depends on the vehicle's power (kW), its emission class and the region; the service's
 * schema carries only the vehicle class and the plate, so here the plate's characters stand in for
 * the power:
 *
 *   plate   = the plate as sent, trimmed and in capitals
 *   kW      = 20 + (sum of the plate's Unicode code points) mod 181        (20..200)
 *   amount  = base(class) + kW × rate(class)                                (cents)
 *
 * | tipoVeicoloTarga | class        | base     | rate per kW |
 * |------------------|--------------|----------|-------------|
 * | 1                | autoveicoli  | 20.00 €  | 2.58 €      |
 * | 2                | rimorchi     | 15.00 €  | 0.50 €      |
 * | 4                | motoveicoli  | 10.00 €  | 1.00 €      |
 *
 * So every amount lies between 25.00 € (a trailer at 20 "kW") and 536.00 € (a car at 200):
 * always at least 1 euro and never more than a few thousand. Example: car "AB123CD": code points
 * 65+66+49+50+51+67+68 = 416, 416 mod 181 = 54, kW = 74, amount = 2000 + 74 × 258 = 21092 cents
 * (210.92 €). Pure: no clock, no state.
 */
import type { Cents } from '../../kernel/money';

export type VehicleClass = '1' | '2' | '4';

interface ClassTariff {
  name: string;
  baseCents: Cents;
  centsPerKw: Cents;
}

export const CAR_TAX_TARIFF: Readonly<Record<VehicleClass, ClassTariff>> = {
  '1': { name: 'autoveicoli', baseCents: 2000, centsPerKw: 258 },
  '2': { name: 'rimorchi', baseCents: 1500, centsPerKw: 50 },
  '4': { name: 'motoveicoli', baseCents: 1000, centsPerKw: 100 },
};

export const MIN_KW = 20;
export const KW_SPAN = 181;

/** The plate's stand-in for the vehicle's power, 20..200 kW. */
export function plateKw(targa: string): number {
  let sum = 0;
  for (const ch of targa.trim().toUpperCase()) sum += ch.codePointAt(0) as number;
  return MIN_KW + (sum % KW_SPAN);
}

export function isVehicleClass(v: string): v is VehicleClass {
  return Object.hasOwn(CAR_TAX_TARIFF, v);
}

/**
 * The car tax in cents for a vehicle class (the schema's enumeration: 1, 2, 4) and a plate.
 * Throws a RangeError for any other class or an empty plate: the service's schema refuses both
 * before this is asked.
 */
export function carTaxCents(tipoVeicoloTarga: string, targa: string): Cents {
  const cls = tipoVeicoloTarga.trim();
  if (!isVehicleClass(cls)) throw new RangeError(`unknown tipoVeicoloTarga '${tipoVeicoloTarga}' (1, 2 or 4)`);
  if (targa.trim() === '') throw new RangeError('empty veicoloTarga');
  const t = CAR_TAX_TARIFF[cls];
  return t.baseCents + plateKw(targa) * t.centsPerKw;
}
