/**
 * The spontaneous payment's screens, the pure part: how old the catalogue is in days, which fields
 * of a service's form are on screen (a choice shows the alternative picked), the values sent, the
 * errors per field and the first field to correct. The rules themselves are the contract's
 * (`validateServiceValues`, main/contract/service-form.ts), the same check the core makes again.
 */
import { validateServiceValues } from '../../../main/contract/service-form';
import type { ServiceField, ServiceForm, ServiceGroup, ServiceValueError } from '../../../main/contract/service-form';

const DAY_MS = 86_400_000;

/** What the search screen says about the catalogue kept by the core. */
export type CatalogueAge = { kind: 'none'; refreshing: boolean } | { kind: 'fresh' } | { kind: 'stale'; days: number };

export function catalogueAge(status: { state: 'none' | 'fresh' | 'stale'; ageMs: number | null; refreshing?: boolean }): CatalogueAge {
  if (status.state === 'none') return { kind: 'none', refreshing: status.refreshing === true };
  if (status.state === 'fresh') return { kind: 'fresh' };
  // Stale means a day old at least: never "0 days ago".
  return { kind: 'stale', days: Math.max(1, Math.floor((status.ageMs ?? DAY_MS) / DAY_MS)) };
}

/** The alternative picked per choice: the first one, or none for an optional choice. */
export type Chosen = Readonly<Record<string, number>>;

export function initialChosen(form: ServiceForm): Chosen {
  return Object.fromEntries(form.choices.map((c) => [c.id, c.optional ? -1 : 0]));
}

/** On screen: every field to type (not fixed), a choice's only in the alternative picked. */
export function visibleFields(form: ServiceForm, chosen: Chosen): ServiceField[] {
  return form.fields.filter((f) => {
    if (f.kind === 'fixed') return false;
    if (f.choice === undefined) return true;
    const c = form.choices.find((x) => x.id === f.choice);
    const at = chosen[f.choice] ?? 0;
    return c !== undefined && at >= 0 && (c.alternatives[at]?.includes(f.path) ?? false);
  });
}

/** The values sent: the fields on screen that have one (a hidden alternative's leftovers are not). */
export function valuesToSend(form: ServiceForm, values: Readonly<Record<string, string>>, chosen: Chosen): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of visibleFields(form, chosen)) {
    const v = (values[f.path] ?? '').trim();
    if (v !== '') out[f.path] = v;
  }
  return out;
}

/** The first error per field path (or choice id), in the order the validator gives them. */
export function errorsByPath(errors: readonly ServiceValueError[]): Map<string, ServiceValueError> {
  const out = new Map<string, ServiceValueError>();
  for (const e of errors) if (!out.has(e.path)) out.set(e.path, e);
  return out;
}

/**
 * Where the cursor goes after a refused submit: the first field on screen (form order) with an
 * error; a choice's error (no alternative filled) goes to the first field of the alternative picked.
 */
export function firstInvalidPath(form: ServiceForm, errors: readonly ServiceValueError[], chosen: Chosen): string | null {
  const byPath = errorsByPath(errors);
  for (const f of visibleFields(form, chosen)) {
    if (byPath.has(f.path)) return f.path;
    if (f.choice !== undefined && byPath.has(f.choice)) return f.path;
  }
  return null;
}

/** As typed: in capitals where the field's pattern admits no lowercase letter. */
export const typed = (field: ServiceField, value: string): string => (field.uppercase ? value.toUpperCase() : value);

/** The innermost group (a complex element) a field belongs to, for its heading. */
export function groupOf(form: ServiceForm, field: ServiceField): ServiceGroup | null {
  let best: ServiceGroup | null = null;
  for (const g of form.groups ?? [])
    if (field.path.startsWith(`${g.path}/`) && (best === null || g.path.length > best.path.length)) best = g;
  return best;
}

/** One line of the form: a group's heading, a choice's alternatives, or a field. */
export type FormLine =
  | { kind: 'heading'; group: ServiceGroup }
  | { kind: 'choice'; id: string; alternatives: { index: number; labelKey: string }[] }
  | { kind: 'field'; field: ServiceField };

/**
 * The form top to bottom: a heading where the group changes, a choice's picker (only when it has
 * more than one alternative) before its first field, then the fields on screen.
 */
export function formLines(form: ServiceForm, chosen: Chosen): FormLine[] {
  const lines: FormLine[] = [];
  const shown = new Set(visibleFields(form, chosen).map((f) => f.path));
  const pickers = new Set<string>();
  let heading: string | null = null;
  for (const f of form.fields) {
    if (f.choice !== undefined && !pickers.has(f.choice)) {
      pickers.add(f.choice);
      const c = form.choices.find((x) => x.id === f.choice);
      if (c && c.alternatives.length > 1)
        lines.push({
          kind: 'choice',
          id: c.id,
          alternatives: c.alternatives.map((paths, index) => ({ index, labelKey: alternativeLabel(form, paths) })),
        });
    }
    if (!shown.has(f.path)) continue;
    const g = groupOf(form, f);
    if (g && g.path !== heading) lines.push({ kind: 'heading', group: g });
    heading = g?.path ?? null;
    lines.push({ kind: 'field', field: f });
  }
  return lines;
}

/** An alternative is named by its group when its fields share one, else by its first field. */
function alternativeLabel(form: ServiceForm, paths: readonly string[]): string {
  const fields = paths.map((p) => form.fields.find((f) => f.path === p)).filter((f): f is ServiceField => f !== undefined);
  const groups = new Set(fields.map((f) => groupOf(form, f)?.labelKey ?? null));
  const [only] = [...groups];
  if (groups.size === 1 && only) return only;
  return fields[0]?.labelKey ?? paths[0]!;
}

/** The refused field a creditor's answer names (SERVICE_DATA_REFUSED's details.field), when on this form. */
export function refusedField(form: ServiceForm, details: Readonly<Record<string, unknown>> | undefined): ServiceField | null {
  const path = typeof details?.field === 'string' ? details.field : null;
  const name = typeof details?.fieldName === 'string' ? details.fieldName : null;
  return form.fields.find((f) => f.path === path) ?? form.fields.find((f) => f.name === name) ?? null;
}

/**
 * The errors the screen shows: the contract's check of the values sent. A choice left empty is said
 * on the alternative picked (each of its required fields empty), not as "fill one alternative": on
 * screen the operator has already picked it.
 */
export function screenErrors(form: ServiceForm, values: Readonly<Record<string, string>>, chosen: Chosen): ServiceValueError[] {
  const sent = valuesToSend(form, values, chosen);
  const result = validateServiceValues(form, sent);
  if (result.ok) return [];
  const out: ServiceValueError[] = [];
  for (const e of result.errors) {
    const c = form.choices.find((x) => x.id === e.path);
    const at = c ? (chosen[c.id] ?? 0) : -1;
    if (e.rule !== 'choice' || !c || at < 0) {
      out.push(e);
      continue;
    }
    const empty = form.fields.filter((f) => c.alternatives[at]!.includes(f.path) && f.kind !== 'fixed' && f.required && !sent[f.path]);
    if (empty.length === 0) out.push(e);
    for (const f of empty) out.push({ path: f.path, rule: 'required' });
  }
  return out;
}
