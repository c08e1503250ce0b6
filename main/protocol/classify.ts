/**
 * What a node fault means for the terminal: an action from a closed set, whether an automatic
 * retry can help, and the i18n key of the operator's message (locales/<lang>/faults.json;
 * the key's first segment is the namespace, the rest the path inside the file).
 *
 * The same faultCode can mean different things per primitive (PPT_PAGAMENTO_DUPLICATO on activate:
 * the notice is paid; on an outcome: someone else paid after our token expired, refund the
 * customer), so the primitive is part of the input. Sources: pagopa-protocol.md §5, §6.
 */
import type { Primitive } from './primitives';
import type { FaultBean } from './types';

/**
 * - `retry`: transient; sending again can succeed. The fault spent the idempotency key, so a
 *   resend uses a new key (outbox) or the operator simply tries again.
 * - `notice-paid`: the notice is already paid (at pagoPA or at the creditor): nothing to collect.
 * - `payment-in-progress`: another session holds the notice; it ends or expires (at most 30 min).
 * - `notice-unpayable`: the notice cannot be paid here and now (expired, unknown, cancelled,
 *   amount not accepted, creditor not enabled for it); retrying does not help.
 * - `creditor-unavailable`: the creditor's systems are unreachable, slow or disabled; `retryable`
 *   says whether waiting can help.
 * - `configuration`: the node refused the call for a registration reason before changing anything:
 *   our own channel setup (PSP, broker, channel, password, enabled payment model), or, on an
 *   outcome, the creditor side being disabled or unknown (`*_DISABILITATO`/`_DISABILITATA`,
 *   `PPT_INTERMEDIARIO_*`). Not retryable: an outcome is parked (kept, not resent)
 *   until the configuration changes, then sent again; the node can still take it.
 * - `request-invalid`: the node refused the message itself (syntax, semantics): a defect or bad
 *   input; resending it unchanged cannot help.
 * - `outcome-accepted`: the node holds the outcome we meant to give (same outcome already there,
 *   or a KO after expiry that changes nothing): treat as delivered.
 * - `outcome-late-accepted`: an OK outcome after the token expired; the node settles it anyway:
 *   treat as delivered, note that it was late.
 * - `refund-customer`: an OK outcome refused because another payment closed the notice after our
 *   token expired: give the customer's money back (or report to the creditor).
 * - `outcome-discordant`: the node holds a different outcome for this token: staff reconcile.
 * - `outcome-refused`: the node refused this outcome for a semantic reason resending the same
 *   message cannot change (`PPT_SEMANTICA` other than the "stato pagamento" and "token multipli"
 *   cases: "Outcome KO non accettabile", "Check marca da bollo" for an OK without the stamp
 *   documents...). Never resent automatically: the money stays where it is and a person decides
 *   (send a corrected outcome, or refund).
 * - `operator-decision`: unknown or ambiguous: stop, show it to staff, never guess.
 */
export type FaultAction =
  | 'retry'
  | 'notice-paid'
  | 'payment-in-progress'
  | 'notice-unpayable'
  | 'creditor-unavailable'
  | 'configuration'
  | 'request-invalid'
  | 'outcome-accepted'
  | 'outcome-late-accepted'
  | 'refund-customer'
  | 'outcome-discordant'
  | 'outcome-refused'
  | 'operator-decision';

export const FAULT_ACTIONS: readonly FaultAction[] = [
  'retry',
  'notice-paid',
  'payment-in-progress',
  'notice-unpayable',
  'creditor-unavailable',
  'configuration',
  'request-invalid',
  'outcome-accepted',
  'outcome-late-accepted',
  'refund-customer',
  'outcome-discordant',
  'outcome-refused',
  'operator-decision',
];

/** Which kind of call failed; the message and the meaning of some codes depend on it. */
export type FaultContext = 'verify' | 'activate' | 'outcome' | 'catalogue';

export interface FaultClassification {
  action: FaultAction;
  retryable: boolean;
  /** e.g. `faults.PPT_PAGAMENTO_DUPLICATO.activate` */
  messageKey: string;
  /** the code the verdict rests on: the PAA_ code when the node wrapped a creditor's fault */
  effectiveCode: string;
  /** PPT_ESITO_GIA_ACQUISITO: the outcome the node already holds, from the description */
  previousOutcome?: { agrees: boolean; data?: Record<string, unknown> };
}

export function faultContext(primitive: Primitive): FaultContext {
  switch (primitive) {
    case 'verifyPaymentNotice':
    case 'verificaBollettino':
    case 'demandPaymentNotice':
      return 'verify';
    case 'activatePaymentNotice':
    case 'activatePaymentNoticeV2':
      return 'activate';
    case 'sendPaymentOutcome':
    case 'sendPaymentOutcomeV2':
      return 'outcome';
    case 'nodoChiediCatalogoServiziV2':
      return 'catalogue';
  }
}

type Verdict = { action: FaultAction; retryable: boolean; key: string; previousOutcome?: FaultClassification['previousOutcome'] };
type Rule = (fault: FaultBean, ctx: FaultContext) => Verdict;

const fixed =
  (action: FaultAction, retryable: boolean) =>
  (code: string): Rule =>
  () => ({ action, retryable, key: code });

const requestInvalid = fixed('request-invalid', false);
const configuration = fixed('configuration', false);
const transient = fixed('retry', true);
const unpayable = fixed('notice-unpayable', false);
const creditorDown = fixed('creditor-unavailable', true);
/** creditor-side configuration: hopeless for a payment now (on an outcome: `configuration`, parked) */
const creditorDisabled = fixed('creditor-unavailable', false);

const RULES: Record<string, (code: string) => Rule> = {
  PPT_SINTASSI_EXTRAXSD: requestInvalid,
  PPT_SINTASSI_XSD: requestInvalid,

  PPT_PSP_SCONOSCIUTO: configuration,
  PPT_PSP_DISABILITATO: configuration,
  PPT_INTERMEDIARIO_PSP_SCONOSCIUTO: configuration,
  PPT_INTERMEDIARIO_PSP_DISABILITATO: configuration,
  PPT_CANALE_SCONOSCIUTO: configuration,
  PPT_CANALE_DISABILITATO: configuration,
  PPT_AUTENTICAZIONE: configuration,
  PPT_AUTORIZZAZIONE: configuration,
  PPT_CODIFICA_PSP_SCONOSCIUTA: configuration,
  PPT_SOAPACTION_ERRATA: configuration,
  PPT_MULTI_BENEFICIARIO: configuration,

  PPT_SYSTEM_ERROR: transient,
  PPT_SUPERAMENTOSOGLIA: transient,
  PPT_ERRORE_IDEMPOTENZA: transient,

  PPT_DOMINIO_SCONOSCIUTO: unpayable,
  PPT_DOMINIO_DISABILITATO: creditorDisabled,
  PPT_INTERMEDIARIO_PA_SCONOSCIUTO: creditorDisabled,
  PPT_INTERMEDIARIO_PA_DISABILITATO: creditorDisabled,
  /** the node's own test suite (SEM_VPNR_11) gets it for a notice number whose prefix no station owns: wrong notice data */
  PPT_STAZIONE_INT_PA_SCONOSCIUTA: unpayable,
  PPT_STAZIONE_INT_PA_DISABILITATA: creditorDisabled,
  PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE: creditorDown,
  PPT_STAZIONE_INT_PA_SERVIZIO_NON_ATTIVO: creditorDown,
  PPT_STAZIONE_INT_PA_SERVIZIO_NONATTIVO: creditorDown,
  PPT_STAZIONE_INT_PA_TIMEOUT: creditorDown,
  PPT_STAZIONE_INT_PA_ERRORE_RESPONSE: creditorDown,
  PPT_IBAN_NON_CENSITO: unpayable,
  PPT_IBAN_ACCREDITO: unpayable,
  PPT_SERVIZIO_NONATTIVO: unpayable,
  PPT_SERVIZIO_SCONOSCIUTO: unpayable,
  PPT_VERSIONE_SERVIZIO: unpayable,
  PPT_PAGAMENTO_SCONOSCIUTO: (code) => (_f, ctx) =>
    ctx === 'outcome'
      ? { action: 'operator-decision', retryable: false, key: `${code}.outcome` }
      : { action: 'notice-unpayable', retryable: false, key: `${code}.notice` },

  PPT_PAGAMENTO_IN_CORSO: fixed('payment-in-progress', false),
  /** a concurrent activation is being processed right now: seconds, not minutes */
  PPT_ATTIVAZIONE_IN_CORSO: fixed('payment-in-progress', true),

  PPT_PAGAMENTO_DUPLICATO: (code) => (_f, ctx) => {
    switch (ctx) {
      case 'outcome':
        return { action: 'refund-customer', retryable: false, key: `${code}.outcome` };
      case 'activate':
        return { action: 'notice-paid', retryable: false, key: `${code}.activate` };
      case 'verify':
      case 'catalogue':
        return { action: 'notice-paid', retryable: false, key: `${code}.verify` };
    }
  },

  PPT_SEMANTICA: (code) => (f, ctx) => {
    if (ctx !== 'outcome') return { action: 'request-invalid', retryable: false, key: `${code}.request` };
    const said = `${f.description ?? ''} ${f.faultString}`;
    // "Outcome non accettabile per stato pagamento" (SEM_SPO_35.1): the activation is still being
    // processed at the node; the same outcome is taken once it is done. The one transient case.
    if (/stato (del )?pagamento/i.test(said)) return { action: 'retry', retryable: true, key: `${code}.paymentState` };
    // Tokens activated at a PSP each need their own outcome: resending the same call cannot help.
    if (/token multipli/i.test(said)) return { action: 'request-invalid', retryable: false, key: `${code}.multipleTokens` };
    if (/esito discorde/i.test(said)) return { action: 'outcome-discordant', retryable: false, key: `${code}.discordant` };
    // sendPaymentOutcomeV2_MBD: an OK without the stamp documents the transfers asked for.
    if (/marca da bollo/i.test(said)) return { action: 'outcome-refused', retryable: false, key: `${code}.marcaDaBollo` };
    return { action: 'outcome-refused', retryable: false, key: `${code}.outcome` };
  },

  PPT_ESITO_GIA_ACQUISITO: (code) => (f) => {
    const previous = parseEsito(f.description);
    if (!previous) return { action: 'operator-decision', retryable: false, key: `${code}.unclear` };
    return previous.agrees
      ? { action: 'outcome-accepted', retryable: false, key: `${code}.concorde`, previousOutcome: previous }
      : { action: 'outcome-discordant', retryable: false, key: `${code}.discorde`, previousOutcome: previous };
  },

  PPT_TOKEN_SCADUTO: fixed('outcome-late-accepted', false),
  PPT_TOKEN_SCADUTO_KO: fixed('outcome-accepted', false),
  PPT_TOKEN_SCONOSCIUTO: fixed('operator-decision', false),
  PPT_ERRORE_EMESSO_DA_PAA: () => (f) => classifyCreditorFault(f),
};

/** Creditor (PAA_) codes the node passes on inside PPT_ERRORE_EMESSO_DA_PAA. */
const CREDITOR_RULES: Record<string, { action: FaultAction; retryable: boolean }> = {
  PAA_PAGAMENTO_DUPLICATO: { action: 'notice-paid', retryable: false },
  PAA_PAGAMENTO_SCADUTO: { action: 'notice-unpayable', retryable: false },
  PAA_PAGAMENTO_SCONOSCIUTO: { action: 'notice-unpayable', retryable: false },
  PAA_PAGAMENTO_ANNULLATO: { action: 'notice-unpayable', retryable: false },
  PAA_ATTIVA_RPT_IMPORTO_NON_VALIDO: { action: 'notice-unpayable', retryable: false },
  PAA_PAGAMENTO_IN_CORSO: { action: 'payment-in-progress', retryable: false },
  PAA_SYSTEM_ERROR: { action: 'creditor-unavailable', retryable: true },
  PAA_SEMANTICA: { action: 'creditor-unavailable', retryable: false },
  PAA_SINTASSI_EXTRAXSD: { action: 'creditor-unavailable', retryable: false },
  PAA_SINTASSI_XSD: { action: 'creditor-unavailable', retryable: false },
  PAA_ID_DOMINIO_ERRATO: { action: 'creditor-unavailable', retryable: false },
  PAA_ID_INTERMEDIARIO_ERRATO: { action: 'creditor-unavailable', retryable: false },
  PAA_STAZIONE_INT_ERRATA: { action: 'creditor-unavailable', retryable: false },
};

/** Every faultCode with a rule of its own (PPT_ and the wrapped PAA_ codes). */
export const KNOWN_FAULT_CODES: readonly string[] = [...Object.keys(RULES), ...Object.keys(CREDITOR_RULES)];

/** The creditor's own code: from the extended fault bean, else named in the description. */
export function creditorFaultCode(fault: FaultBean): string | undefined {
  const original = fault.originalFaultCode?.trim();
  if (original && /^PAA_[A-Z_]+$/.test(original)) return original;
  const m = /\bPAA_[A-Z_]+/.exec(`${fault.description ?? ''} ${fault.originalDescription ?? ''}`);
  return m?.[0];
}

function classifyCreditorFault(fault: FaultBean): Verdict {
  const paa = creditorFaultCode(fault);
  const rule = paa === undefined ? undefined : CREDITOR_RULES[paa];
  if (paa === undefined || !rule) return { action: 'notice-unpayable', retryable: false, key: 'PPT_ERRORE_EMESSO_DA_PAA' };
  return { ...rule, key: paa };
}

/** `Esito concorde: {json}` / `Esito discorde: {json}`; undefined when the description says neither. */
export function parseEsito(description: string | undefined): { agrees: boolean; data?: Record<string, unknown> } | undefined {
  const m = /^\s*esito\s+(concorde|discorde)\b\s*:?\s*([\s\S]*)$/i.exec(description ?? '');
  if (!m) return undefined;
  const agrees = m[1]!.toLowerCase() === 'concorde';
  try {
    const data: unknown = JSON.parse(m[2]!.trim());
    if (data && typeof data === 'object' && !Array.isArray(data)) return { agrees, data: data as Record<string, unknown> };
  } catch {
    // The verdict word is what matters; the JSON is a convenience for staff.
  }
  return { agrees };
}

/** Actions that name the notice's state: after money is collected (outcome) they need a person. */
const NOTICE_ACTIONS: ReadonlySet<FaultAction> = new Set(['notice-paid', 'notice-unpayable', 'payment-in-progress']);

/**
 * On an outcome, registration faults the node answers before changing anything: the OK can still
 * be taken once the configuration is right, so the outcome is parked, never dropped or decided.
 */
function isOutcomeConfigurationFault(code: string): boolean {
  return (
    /^PPT_(PSP|CANALE|INTERMEDIARIO_PSP|INTERMEDIARIO_PA)_/.test(code) ||
    /_DISABILITAT[OA]$/.test(code) ||
    code === 'PPT_AUTENTICAZIONE' ||
    code === 'PPT_AUTORIZZAZIONE' ||
    code === 'PPT_CODIFICA_PSP_SCONOSCIUTA'
  );
}

/**
 * The SANP asks PSPs not to send an outcome again once the node has answered it (the idempotency
 * key is for lost answers). These answers say the node did not process the call, so a resend is
 * allowed: `*_SYSTEM_ERROR`, "stato pagamento" PPT_SEMANTICA (decided in its rule), a threshold
 * (PPT_SUPERAMENTOSOGLIA), an idempotency clash (PPT_ERRORE_IDEMPOTENZA: a new key fixes it), and
 * the creditor's station being unreachable or slow. Everything else is not resent automatically.
 */
const OUTCOME_RESENDABLE: ReadonlySet<string> = new Set([
  'PPT_SEMANTICA',
  'PPT_SUPERAMENTOSOGLIA',
  'PPT_ERRORE_IDEMPOTENZA',
  'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE',
  'PPT_STAZIONE_INT_PA_SERVIZIO_NON_ATTIVO',
  'PPT_STAZIONE_INT_PA_SERVIZIO_NONATTIVO',
  'PPT_STAZIONE_INT_PA_TIMEOUT',
  'PPT_STAZIONE_INT_PA_ERRORE_RESPONSE',
]);

export function classifyFault(fault: FaultBean, primitive: Primitive): FaultClassification {
  const ctx = faultContext(primitive);
  const code = fault.faultCode.trim();
  const rule = RULES[code];
  let verdict: Verdict;
  if (rule) {
    verdict = rule(code)(fault, ctx);
  } else if (/_SYSTEM_ERROR$/.test(code)) {
    // *_SYSTEM_ERROR "can come from any primitive", from any issuer: a transient failure.
    verdict = { action: 'retry', retryable: true, key: 'PPT_SYSTEM_ERROR' };
  } else {
    verdict = { action: 'operator-decision', retryable: false, key: ctx === 'outcome' ? 'unknown.outcome' : 'unknown.notice' };
  }
  if (ctx === 'outcome') {
    if (isOutcomeConfigurationFault(code)) {
      // Codes without a configuration rule of their own get a message that promises no retry.
      const side = /^PPT_(PSP|CANALE|INTERMEDIARIO_PSP)_/.test(code) ? 'channel' : 'creditor';
      verdict = {
        action: 'configuration',
        retryable: false,
        key: verdict.action === 'configuration' ? verdict.key : `outcomeParked.${side}`,
      };
    } else if (NOTICE_ACTIONS.has(verdict.action)) {
      // Not an answer an outcome can get per the spec: the money is collected, a person decides.
      verdict = { action: 'operator-decision', retryable: false, key: 'unknown.outcome' };
    } else if (verdict.retryable && !OUTCOME_RESENDABLE.has(code) && !/_SYSTEM_ERROR$/.test(code)) {
      verdict = { ...verdict, retryable: false };
    }
  }
  const effectiveCode = code === 'PPT_ERRORE_EMESSO_DA_PAA' ? (creditorFaultCode(fault) ?? code) : code;
  return {
    action: verdict.action,
    retryable: verdict.retryable,
    messageKey: `faults.${verdict.key}`,
    effectiveCode,
    ...(verdict.previousOutcome ? { previousOutcome: verdict.previousOutcome } : {}),
  };
}
