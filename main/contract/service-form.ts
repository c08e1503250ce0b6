/**
 * A spontaneous-payment service's data form (`datiSpecificiServizio`), as made from the service's
 * official XSD by main/services/catalogue/xsd-form.ts, and the check of the values typed into it.
 * Browser-safe (zod and plain TS): the screens validate as the operator or the citizen types, and the
 * core checks the same values again with the same function before it builds the XML.
 *
 * Values are keyed by field path and are strings as typed: each is trimmed, and an empty value is an
 * absent one. Nothing here changes a value (no silent uppercasing): a value that would be valid
 * uppercased is reported (`hint: 'uppercase'`); the screen may uppercase as the user types
 * (`field.uppercase`), so the user sees what is sent.
 */
import { z } from 'zod';

export const serviceFieldKindSchema = z.enum(['text', 'enum', 'amount', 'email', 'fixed']);
export type ServiceFieldKind = z.infer<typeof serviceFieldKindSchema>;

export const serviceFieldSchema = z.object({
  /** Element path under the root, joined by '/', e.g. 'veicoloConTarga/tipoVeicoloTarga'. */
  path: z.string().min(1),
  /** The element's local name. */
  name: z.string().min(1),
  /** Key in locales/<lang>/services.json, e.g. 'field.tipoVeicoloTarga'. */
  labelKey: z.string().min(1),
  kind: serviceFieldKindSchema,
  /**
   * Must be filled whenever its context is present: always, for a field outside any choice and any
   * optional element; when its alternative is the one filled, for a field of a choice. A required
   * child of an optional element is `required: false` with `requiredWith` naming that element.
   */
  required: z.boolean(),
  /** Path of the nearest optional ancestor element: the field becomes required once any field under it has a value. */
  requiredWith: z.string().optional(),
  /** Lengths in characters (the XSD's length gives both). */
  minLength: z.number().int().nonnegative().optional(),
  maxLength: z.number().int().nonnegative().optional(),
  /** XSD pattern, unanchored as written in the XSD (XSD patterns match the whole value). */
  pattern: z.string().optional(),
  /** amount: the XSD's maxInclusive / minInclusive, as decimal strings. */
  maxInclusive: z.string().optional(),
  minInclusive: z.string().optional(),
  options: z.array(z.object({ value: z.string(), labelKey: z.string().min(1) })).optional(),
  /** kind 'fixed': the value the XSD fixes, sent as is; there is nothing to type. */
  fixed: z.string().optional(),
  /** Id of the xs:choice this field belongs to. */
  choice: z.string().optional(),
  inputMode: z.enum(['text', 'numeric', 'decimal', 'email']).optional(),
  /** The pattern admits no lowercase letter: the screen may uppercase as the user types. */
  uppercase: z.boolean().optional(),
});
export type ServiceField = z.infer<typeof serviceFieldSchema>;

export const serviceChoiceSchema = z.object({
  id: z.string().min(1),
  /** Field paths per alternative, in XSD order. */
  alternatives: z.array(z.array(z.string().min(1)).min(1)).min(1),
  /** xs:choice minOccurs="0": no alternative is also fine. */
  optional: z.boolean().optional(),
});
export type ServiceChoice = z.infer<typeof serviceChoiceSchema>;

/** A complex element of the form (a heading for its fields, or a choice's alternative). */
export const serviceGroupSchema = z.object({
  path: z.string().min(1),
  name: z.string().min(1),
  /** Key in services.json, e.g. 'group.intestatario'. */
  labelKey: z.string().min(1),
  required: z.boolean(),
});
export type ServiceGroup = z.infer<typeof serviceGroupSchema>;

export const serviceFormSchema = z.object({
  /** The XSD's file name (the catalogue's xsdRiferimento, base name). */
  xsd: z.string().min(1),
  /** The target namespace: the data document's root element is in it. */
  namespace: z.string(),
  /** The root element's local name, e.g. 'tassaAuto'. */
  root: z.string().min(1),
  /** Absent = 'qualified' (every official service XSD): local elements in the namespace too. */
  elementFormDefault: z.enum(['qualified', 'unqualified']).optional(),
  /** Leaf elements in XSD order. */
  fields: z.array(serviceFieldSchema),
  choices: z.array(serviceChoiceSchema),
  groups: z.array(serviceGroupSchema).optional(),
});
export type ServiceForm = z.infer<typeof serviceFormSchema>;

export type ServiceRule = 'required' | 'minLength' | 'maxLength' | 'pattern' | 'enum' | 'choice' | 'amount';
export interface ServiceValueError {
  /** The field's path; for 'choice', the choice's id. */
  path: string;
  rule: ServiceRule;
  /** minLength/maxLength: the length; pattern: the XSD pattern; amount: the bound passed, if any. */
  limit?: number | string;
  /** 'uppercase': the value would be valid in capitals (reported, never changed silently). */
  hint?: 'uppercase';
}
export type ServiceValidation = { ok: true } | { ok: false; errors: ServiceValueError[] };

/**
 * The message key in services.json for an error: 'validation.<rule>', 'validation.uppercase' for a
 * value valid in capitals, 'validation.amountLimit' for an amount beyond a bound; `{{limit}}` is the
 * error's limit.
 */
export const validationKey = (e: ServiceValueError): string =>
  e.hint === 'uppercase'
    ? 'validation.uppercase'
    : e.rule === 'amount' && e.limit !== undefined
      ? 'validation.amountLimit'
      : `validation.${e.rule}`;

/**
 * An XSD pattern as a JS regex: anchored (`^(?:p)$`, XSD patterns match the whole value), `u` mode.
 * XSD-only syntax (\i \c, character class subtraction, \p{Is…} blocks) is refused when the form is
 * made, so every pattern reaching here compiles. JS \d is ASCII-only where XSD's is any Unicode
 * digit: locally a little stricter, never looser.
 */
export function xsdPatternRegExp(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

/**
 * The amounts accepted: digits, optionally a comma or a dot and one or two decimals ("12", "12,5",
 * "12.50"); sent as the XSD's `\d+\.\d{2}` ("12.00", "12.50"). No thousands separators, no sign.
 */
const AMOUNT = /^(\d+)(?:[.,](\d{1,2}))?$/;
export function normaliseAmount(value: string): string | null {
  const m = AMOUNT.exec(value.trim());
  if (!m) return null;
  return `${m[1]!.replace(/^0+(?=\d)/, '')}.${(m[2] ?? '').padEnd(2, '0')}`;
}

/** Compares two non-negative decimal strings ("12.50" vs "999999999.99") without floats. */
function compareDecimal(a: string, b: string): number {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  const ia = ai.replace(/^0+/, '');
  const ib = bi.replace(/^0+/, '');
  if (ia.length !== ib.length) return ia.length - ib.length;
  if (ia !== ib) return ia < ib ? -1 : 1;
  const w = Math.max(af.length, bf.length);
  const fa = af.padEnd(w, '0');
  const fb = bf.padEnd(w, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

const valueOf = (values: Record<string, string>, path: string): string => (values[path] ?? '').trim();

/** The value the XML carries for a field (amounts normalised; others as typed, trimmed). */
export function serviceValue(field: ServiceField, values: Record<string, string>): string {
  if (field.kind === 'fixed') return field.fixed ?? '';
  const v = valueOf(values, field.path);
  return field.kind === 'amount' ? (normaliseAmount(v) ?? v) : v;
}

/** True when any non-fixed field under `prefix` (an element path) has a value. */
function anyUnder(form: ServiceForm, values: Record<string, string>, prefix: string): boolean {
  return form.fields.some((f) => f.kind !== 'fixed' && f.path.startsWith(`${prefix}/`) && valueOf(values, f.path) !== '');
}

/**
 * Which alternative of each choice is filled: index, -1 for none, or -2 for more than one.
 * An alternative is filled when any of its (non-fixed) fields has a value.
 */
export function chosenAlternatives(form: ServiceForm, values: Record<string, string>): Map<string, number> {
  const byPath = new Map(form.fields.map((f) => [f.path, f]));
  const out = new Map<string, number>();
  for (const c of form.choices) {
    const filled = c.alternatives
      .map((paths, i) => ({ i, filled: paths.some((p) => byPath.get(p)?.kind !== 'fixed' && valueOf(values, p) !== '') }))
      .filter((a) => a.filled);
    out.set(c.id, filled.length === 0 ? -1 : filled.length > 1 ? -2 : filled[0]!.i);
  }
  return out;
}

/** Whether a field belongs in the document: its choice alternative chosen and its optional ancestor present. */
export function fieldInContext(
  form: ServiceForm,
  field: ServiceField,
  values: Record<string, string>,
  chosen = chosenAlternatives(form, values),
): boolean {
  if (field.choice !== undefined) {
    const c = form.choices.find((x) => x.id === field.choice);
    const at = chosen.get(field.choice) ?? -1;
    if (!c || at < 0 || !c.alternatives[at]!.includes(field.path)) return false;
  }
  if (field.requiredWith !== undefined && !anyUnder(form, values, field.requiredWith)) return false;
  return true;
}

/** Checks typed values against the form: what the XSD would refuse, said per field and rule. */
export function validateServiceValues(form: ServiceForm, values: Record<string, string>): ServiceValidation {
  const errors: ServiceValueError[] = [];
  const chosen = chosenAlternatives(form, values);
  for (const c of form.choices) {
    const at = chosen.get(c.id)!;
    if (at === -2 || (at === -1 && !c.optional)) errors.push({ path: c.id, rule: 'choice' });
  }
  for (const f of form.fields) {
    if (f.kind === 'fixed') continue;
    const raw = valueOf(values, f.path);
    if (raw === '') {
      // Out of context (an alternative not chosen, an optional element left empty) nothing is
      // needed: a choice left empty is reported once, on the choice, not on each of its fields.
      const needed = (f.required || f.requiredWith !== undefined) && fieldInContext(form, f, values, chosen);
      if (needed) errors.push({ path: f.path, rule: 'required' });
      continue;
    }
    errors.push(...checkValue(f, raw));
  }
  return errors.length ? { ok: false, errors } : { ok: true };
}

/** One non-empty value against its field's facets (the value trimmed). */
export function checkValue(f: ServiceField, raw: string): ServiceValueError[] {
  const errors: ServiceValueError[] = [];
  let v = raw;
  if (f.kind === 'amount') {
    const n = normaliseAmount(raw);
    if (n === null) return [{ path: f.path, rule: 'amount' }];
    v = n;
    if (f.maxInclusive !== undefined && compareDecimal(v, f.maxInclusive) > 0)
      errors.push({ path: f.path, rule: 'amount', limit: f.maxInclusive });
    if (f.minInclusive !== undefined && compareDecimal(v, f.minInclusive) < 0)
      errors.push({ path: f.path, rule: 'amount', limit: f.minInclusive });
  }
  if (f.options && !f.options.some((o) => o.value === v)) {
    errors.push({ path: f.path, rule: 'enum' });
    return errors;
  }
  const length = [...v].length;
  if (f.minLength !== undefined && length < f.minLength) errors.push({ path: f.path, rule: 'minLength', limit: f.minLength });
  if (f.maxLength !== undefined && length > f.maxLength) errors.push({ path: f.path, rule: 'maxLength', limit: f.maxLength });
  if (f.pattern !== undefined) {
    const re = xsdPatternRegExp(f.pattern);
    if (!re.test(v)) {
      const upper = v.toUpperCase();
      errors.push(
        upper !== v && re.test(upper)
          ? { path: f.path, rule: 'pattern', limit: f.pattern, hint: 'uppercase' }
          : { path: f.path, rule: 'pattern', limit: f.pattern },
      );
    }
  }
  return errors;
}
