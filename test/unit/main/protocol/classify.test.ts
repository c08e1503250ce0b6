import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyFault,
  FAULT_ACTIONS,
  PRIMITIVES,
  parseEsito,
  type FaultAction,
  type FaultBean,
  type Primitive,
} from '../../../../main/protocol';

const bean = (faultCode: string, more: Partial<FaultBean> = {}): FaultBean => ({
  faultCode,
  faultString: 'x',
  id: 'NodoDeiPagamentiSPC',
  ...more,
});

/** Every faultCode of pagopa-protocol.md §6.2 (per-primitive mapping and faultString table). */
const PPT_CODES = [
  'PPT_SINTASSI_EXTRAXSD',
  'PPT_SINTASSI_XSD',
  'PPT_PSP_SCONOSCIUTO',
  'PPT_PSP_DISABILITATO',
  'PPT_INTERMEDIARIO_PSP_SCONOSCIUTO',
  'PPT_INTERMEDIARIO_PSP_DISABILITATO',
  'PPT_CANALE_SCONOSCIUTO',
  'PPT_CANALE_DISABILITATO',
  'PPT_AUTENTICAZIONE',
  'PPT_AUTORIZZAZIONE',
  'PPT_SYSTEM_ERROR',
  'PPT_DOMINIO_SCONOSCIUTO',
  'PPT_DOMINIO_DISABILITATO',
  'PPT_INTERMEDIARIO_PA_SCONOSCIUTO',
  'PPT_INTERMEDIARIO_PA_DISABILITATO',
  'PPT_STAZIONE_INT_PA_DISABILITATA',
  'PPT_STAZIONE_INT_PA_SCONOSCIUTA',
  'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE',
  'PPT_STAZIONE_INT_PA_SERVIZIO_NON_ATTIVO',
  'PPT_STAZIONE_INT_PA_SERVIZIO_NONATTIVO',
  'PPT_STAZIONE_INT_PA_TIMEOUT',
  'PPT_ERRORE_EMESSO_DA_PAA',
  'PPT_STAZIONE_INT_PA_ERRORE_RESPONSE',
  'PPT_IBAN_NON_CENSITO',
  'PPT_CODIFICA_PSP_SCONOSCIUTA',
  'PPT_SEMANTICA',
  'PPT_PAGAMENTO_IN_CORSO',
  'PPT_PAGAMENTO_DUPLICATO',
  'PPT_ATTIVAZIONE_IN_CORSO',
  'PPT_ERRORE_IDEMPOTENZA',
  'PPT_ESITO_GIA_ACQUISITO',
  'PPT_TOKEN_SCADUTO',
  'PPT_TOKEN_SCADUTO_KO',
  'PPT_TOKEN_SCONOSCIUTO',
  'PPT_PAGAMENTO_SCONOSCIUTO',
  'PPT_SERVIZIO_NONATTIVO',
  'PPT_SERVIZIO_SCONOSCIUTO',
  'PPT_VERSIONE_SERVIZIO',
  'PPT_SUPERAMENTOSOGLIA',
  'PPT_SOAPACTION_ERRATA',
  'PPT_MULTI_BENEFICIARIO',
  'PPT_IBAN_ACCREDITO',
];
/** §6.3: creditor codes that arrive wrapped in PPT_ERRORE_EMESSO_DA_PAA. */
const PAA_CODES = [
  'PAA_ATTIVA_RPT_IMPORTO_NON_VALIDO',
  'PAA_PAGAMENTO_ANNULLATO',
  'PAA_PAGAMENTO_DUPLICATO',
  'PAA_PAGAMENTO_IN_CORSO',
  'PAA_PAGAMENTO_SCADUTO',
  'PAA_PAGAMENTO_SCONOSCIUTO',
  'PAA_SEMANTICA',
  'PAA_SINTASSI_EXTRAXSD',
  'PAA_SINTASSI_XSD',
  'PAA_SYSTEM_ERROR',
  'PAA_ID_DOMINIO_ERRATO',
  'PAA_ID_INTERMEDIARIO_ERRATO',
  'PAA_STAZIONE_INT_ERRATA',
];

describe('every documented code has its own verdict on every primitive', () => {
  for (const code of PPT_CODES) {
    test(code, () => {
      for (const p of PRIMITIVES) {
        const c = classifyFault(bean(code, code === 'PPT_ESITO_GIA_ACQUISITO' ? { description: 'Esito concorde: {}' } : {}), p);
        assert.ok(FAULT_ACTIONS.includes(c.action), `${p}: ${c.action}`);
        assert.equal(typeof c.retryable, 'boolean');
        assert.match(c.messageKey, /^faults\.[A-Za-z_.]+$/);
        const outcomeOnlyCodes = ['PPT_ESITO_GIA_ACQUISITO', 'PPT_TOKEN_SCADUTO', 'PPT_TOKEN_SCADUTO_KO', 'PPT_TOKEN_SCONOSCIUTO'];
        const generic = c.messageKey.startsWith('faults.unknown.');
        // A code meant for payments may fall back to "ask a person" on an outcome, never the other way round.
        if (generic)
          assert.ok(p.startsWith('sendPaymentOutcome') && !outcomeOnlyCodes.includes(code), `${code} on ${p} got ${c.messageKey}`);
      }
    });
  }
  for (const paa of PAA_CODES) {
    test(`${paa} wrapped in PPT_ERRORE_EMESSO_DA_PAA (originalFaultCode and description)`, () => {
      for (const p of ['verifyPaymentNotice', 'activatePaymentNoticeV2', 'verificaBollettino', 'demandPaymentNotice'] as const) {
        const viaOriginal = classifyFault(bean('PPT_ERRORE_EMESSO_DA_PAA', { originalFaultCode: paa }), p);
        const viaDescription = classifyFault(
          bean('PPT_ERRORE_EMESSO_DA_PAA', { description: `FaultBean(faultCode=${paa}, id=77777777777)` }),
          p,
        );
        assert.equal(viaOriginal.messageKey, `faults.${paa}`);
        assert.equal(viaOriginal.effectiveCode, paa);
        assert.deepEqual(viaDescription, viaOriginal);
      }
    });
  }
});

describe('verdicts', () => {
  const cases: Array<[string, Primitive, Partial<FaultBean>, FaultAction, boolean, string]> = [
    ['PPT_PAGAMENTO_DUPLICATO', 'verifyPaymentNotice', {}, 'notice-paid', false, 'faults.PPT_PAGAMENTO_DUPLICATO.verify'],
    ['PPT_PAGAMENTO_DUPLICATO', 'verificaBollettino', {}, 'notice-paid', false, 'faults.PPT_PAGAMENTO_DUPLICATO.verify'],
    ['PPT_PAGAMENTO_DUPLICATO', 'activatePaymentNotice', {}, 'notice-paid', false, 'faults.PPT_PAGAMENTO_DUPLICATO.activate'],
    ['PPT_PAGAMENTO_DUPLICATO', 'activatePaymentNoticeV2', {}, 'notice-paid', false, 'faults.PPT_PAGAMENTO_DUPLICATO.activate'],
    ['PPT_PAGAMENTO_DUPLICATO', 'sendPaymentOutcome', {}, 'refund-customer', false, 'faults.PPT_PAGAMENTO_DUPLICATO.outcome'],
    ['PPT_PAGAMENTO_DUPLICATO', 'sendPaymentOutcomeV2', {}, 'refund-customer', false, 'faults.PPT_PAGAMENTO_DUPLICATO.outcome'],
    ['PPT_TOKEN_SCADUTO', 'sendPaymentOutcomeV2', {}, 'outcome-late-accepted', false, 'faults.PPT_TOKEN_SCADUTO'],
    ['PPT_TOKEN_SCADUTO_KO', 'sendPaymentOutcomeV2', {}, 'outcome-accepted', false, 'faults.PPT_TOKEN_SCADUTO_KO'],
    ['PPT_TOKEN_SCONOSCIUTO', 'sendPaymentOutcome', {}, 'operator-decision', false, 'faults.PPT_TOKEN_SCONOSCIUTO'],
    ['PPT_PAGAMENTO_SCONOSCIUTO', 'sendPaymentOutcomeV2', {}, 'operator-decision', false, 'faults.PPT_PAGAMENTO_SCONOSCIUTO.outcome'],
    ['PPT_PAGAMENTO_SCONOSCIUTO', 'activatePaymentNotice', {}, 'notice-unpayable', false, 'faults.PPT_PAGAMENTO_SCONOSCIUTO.notice'],
    ['PPT_SYSTEM_ERROR', 'activatePaymentNoticeV2', {}, 'retry', true, 'faults.PPT_SYSTEM_ERROR'],
    ['PPT_SYSTEM_ERROR', 'sendPaymentOutcomeV2', {}, 'retry', true, 'faults.PPT_SYSTEM_ERROR'],
    ['PPT_STAZIONE_INT_PA_TIMEOUT', 'verifyPaymentNotice', {}, 'creditor-unavailable', true, 'faults.PPT_STAZIONE_INT_PA_TIMEOUT'],
    [
      'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE',
      'activatePaymentNoticeV2',
      {},
      'creditor-unavailable',
      true,
      'faults.PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE',
    ],
    ['PPT_DOMINIO_DISABILITATO', 'activatePaymentNoticeV2', {}, 'creditor-unavailable', false, 'faults.PPT_DOMINIO_DISABILITATO'],
    ['PPT_DOMINIO_DISABILITATO', 'sendPaymentOutcomeV2', {}, 'configuration', false, 'faults.outcomeParked.creditor'],
    ['PPT_AUTENTICAZIONE', 'sendPaymentOutcomeV2', {}, 'configuration', false, 'faults.PPT_AUTENTICAZIONE'],
    ['PPT_PAGAMENTO_IN_CORSO', 'activatePaymentNoticeV2', {}, 'payment-in-progress', false, 'faults.PPT_PAGAMENTO_IN_CORSO'],
    ['PPT_ATTIVAZIONE_IN_CORSO', 'activatePaymentNoticeV2', {}, 'payment-in-progress', true, 'faults.PPT_ATTIVAZIONE_IN_CORSO'],
    ['PPT_ERRORE_IDEMPOTENZA', 'sendPaymentOutcomeV2', {}, 'retry', true, 'faults.PPT_ERRORE_IDEMPOTENZA'],
    [
      'PPT_SEMANTICA',
      'sendPaymentOutcomeV2',
      { description: 'Esito discorde' },
      'outcome-discordant',
      false,
      'faults.PPT_SEMANTICA.discordant',
    ],
    [
      'PPT_SEMANTICA',
      'sendPaymentOutcomeV2',
      { description: 'Outcome non accettabile per token multipli attivati presso il PSP' },
      'request-invalid',
      false,
      'faults.PPT_SEMANTICA.multipleTokens',
    ],
    [
      'PPT_SEMANTICA',
      'verificaBollettino',
      { description: 'Codifica non riconosciuta' },
      'request-invalid',
      false,
      'faults.PPT_SEMANTICA.request',
    ],
    ['PPT_SINTASSI_XSD', 'sendPaymentOutcome', {}, 'request-invalid', false, 'faults.PPT_SINTASSI_XSD'],
    [
      'PPT_ESITO_GIA_ACQUISITO',
      'sendPaymentOutcomeV2',
      { description: 'Esito concorde: {"outcome":"OK"}' },
      'outcome-accepted',
      false,
      'faults.PPT_ESITO_GIA_ACQUISITO.concorde',
    ],
    [
      'PPT_ESITO_GIA_ACQUISITO',
      'sendPaymentOutcomeV2',
      { description: 'Esito discorde: {"outcome":"KO"}' },
      'outcome-discordant',
      false,
      'faults.PPT_ESITO_GIA_ACQUISITO.discorde',
    ],
    ['PPT_ESITO_GIA_ACQUISITO', 'sendPaymentOutcome', {}, 'operator-decision', false, 'faults.PPT_ESITO_GIA_ACQUISITO.unclear'],
    [
      'PPT_ERRORE_EMESSO_DA_PAA',
      'activatePaymentNoticeV2',
      { originalFaultCode: 'PAA_PAGAMENTO_SCADUTO' },
      'notice-unpayable',
      false,
      'faults.PAA_PAGAMENTO_SCADUTO',
    ],
    [
      'PPT_ERRORE_EMESSO_DA_PAA',
      'verifyPaymentNotice',
      { originalFaultCode: 'PAA_PAGAMENTO_SCONOSCIUTO' },
      'notice-unpayable',
      false,
      'faults.PAA_PAGAMENTO_SCONOSCIUTO',
    ],
    [
      'PPT_ERRORE_EMESSO_DA_PAA',
      'activatePaymentNotice',
      { originalFaultCode: 'PAA_PAGAMENTO_DUPLICATO' },
      'notice-paid',
      false,
      'faults.PAA_PAGAMENTO_DUPLICATO',
    ],
    [
      'PPT_ERRORE_EMESSO_DA_PAA',
      'activatePaymentNotice',
      { originalFaultCode: 'PAA_SYSTEM_ERROR' },
      'creditor-unavailable',
      true,
      'faults.PAA_SYSTEM_ERROR',
    ],
    [
      'PPT_ERRORE_EMESSO_DA_PAA',
      'verifyPaymentNotice',
      { description: 'errore generico' },
      'notice-unpayable',
      false,
      'faults.PPT_ERRORE_EMESSO_DA_PAA',
    ],
    [
      'PPT_ERRORE_EMESSO_DA_PAA',
      'verifyPaymentNotice',
      { originalFaultCode: 'PAA_NUOVO_CODICE' },
      'notice-unpayable',
      false,
      'faults.PPT_ERRORE_EMESSO_DA_PAA',
    ],
    [
      'PPT_ERRORE_EMESSO_DA_PAA',
      'sendPaymentOutcomeV2',
      { originalFaultCode: 'PAA_PAGAMENTO_SCADUTO' },
      'operator-decision',
      false,
      'faults.unknown.outcome',
    ],
    ['CANALE_SYSTEM_ERROR', 'verifyPaymentNotice', {}, 'retry', true, 'faults.PPT_SYSTEM_ERROR'],
    ['PPT_CODICE_NUOVO', 'verifyPaymentNotice', {}, 'operator-decision', false, 'faults.unknown.notice'],
    ['PPT_CODICE_NUOVO', 'activatePaymentNoticeV2', {}, 'operator-decision', false, 'faults.unknown.notice'],
    ['PPT_CODICE_NUOVO', 'sendPaymentOutcomeV2', {}, 'operator-decision', false, 'faults.unknown.outcome'],
    ['', 'sendPaymentOutcome', {}, 'operator-decision', false, 'faults.unknown.outcome'],
  ];
  for (const [code, primitive, more, action, retryable, messageKey] of cases) {
    test(`${code || '(empty)'} on ${primitive}${more.description ? ` "${more.description}"` : ''}${more.originalFaultCode ? ` (${more.originalFaultCode})` : ''}`, () => {
      const c = classifyFault(bean(code, more), primitive);
      assert.deepEqual([c.action, c.retryable, c.messageKey], [action, retryable, messageKey]);
    });
  }
});

/**
 * Issue 9 §5-6 and issue 10 §2: on an outcome only transient faults invite a resend; registration
 * faults park the outcome (`configuration`); other semantic refusals are final for the machine.
 */
describe('outcome faults: resend only what is transient, park configuration faults', () => {
  const outcomes = ['sendPaymentOutcome', 'sendPaymentOutcomeV2'] as const;
  const cases: Array<[string, Partial<FaultBean>, FaultAction, boolean, string]> = [
    ['PPT_SYSTEM_ERROR', {}, 'retry', true, 'faults.PPT_SYSTEM_ERROR'],
    ['PPT_SEMANTICA', { description: 'Outcome non accettabile per stato pagamento' }, 'retry', true, 'faults.PPT_SEMANTICA.paymentState'],
    [
      'PPT_SEMANTICA',
      { faultString: 'Errore semantico', description: 'Outcome non accettabile per stato del pagamento' },
      'retry',
      true,
      'faults.PPT_SEMANTICA.paymentState',
    ],
    ['PPT_SEMANTICA', { description: 'Outcome KO non accettabile' }, 'outcome-refused', false, 'faults.PPT_SEMANTICA.outcome'],
    ['PPT_SEMANTICA', { description: 'Check marca da bollo' }, 'outcome-refused', false, 'faults.PPT_SEMANTICA.marcaDaBollo'],
    ['PPT_SEMANTICA', {}, 'outcome-refused', false, 'faults.PPT_SEMANTICA.outcome'],
    ['PPT_SEMANTICA', { description: 'Esito discorde' }, 'outcome-discordant', false, 'faults.PPT_SEMANTICA.discordant'],
    ['PPT_AUTENTICAZIONE', {}, 'configuration', false, 'faults.PPT_AUTENTICAZIONE'],
    [
      'PPT_AUTORIZZAZIONE',
      { description: "Il canale non è di tipo 'ATTIVATO_PRESSO_PSP'" },
      'configuration',
      false,
      'faults.PPT_AUTORIZZAZIONE',
    ],
    ['PPT_CANALE_SCONOSCIUTO', {}, 'configuration', false, 'faults.PPT_CANALE_SCONOSCIUTO'],
    ['PPT_CANALE_DISABILITATO', {}, 'configuration', false, 'faults.PPT_CANALE_DISABILITATO'],
    ['PPT_PSP_SCONOSCIUTO', {}, 'configuration', false, 'faults.PPT_PSP_SCONOSCIUTO'],
    ['PPT_PSP_DISABILITATO', {}, 'configuration', false, 'faults.PPT_PSP_DISABILITATO'],
    ['PPT_INTERMEDIARIO_PSP_SCONOSCIUTO', {}, 'configuration', false, 'faults.PPT_INTERMEDIARIO_PSP_SCONOSCIUTO'],
    ['PPT_INTERMEDIARIO_PSP_DISABILITATO', {}, 'configuration', false, 'faults.PPT_INTERMEDIARIO_PSP_DISABILITATO'],
    ['PPT_INTERMEDIARIO_PA_SCONOSCIUTO', {}, 'configuration', false, 'faults.outcomeParked.creditor'],
    ['PPT_INTERMEDIARIO_PA_DISABILITATO', {}, 'configuration', false, 'faults.outcomeParked.creditor'],
    ['PPT_DOMINIO_DISABILITATO', {}, 'configuration', false, 'faults.outcomeParked.creditor'],
    ['PPT_STAZIONE_INT_PA_DISABILITATA', {}, 'configuration', false, 'faults.outcomeParked.creditor'],
    ['PPT_CANALE_NUOVO_DISABILITATO', {}, 'configuration', false, 'faults.outcomeParked.channel'],
    ['PPT_ENTE_NUOVO_DISABILITATO', {}, 'configuration', false, 'faults.outcomeParked.creditor'],
    ['PPT_STAZIONE_INT_PA_SCONOSCIUTA', {}, 'operator-decision', false, 'faults.unknown.outcome'],
    ['PPT_ATTIVAZIONE_IN_CORSO', {}, 'operator-decision', false, 'faults.unknown.outcome'],
    ['PPT_TOKEN_SCONOSCIUTO', {}, 'operator-decision', false, 'faults.PPT_TOKEN_SCONOSCIUTO'],
  ];
  for (const [code, more, action, retryable, messageKey] of cases) {
    test(`${code}${more.description ? ` "${more.description}"` : ''} on an outcome: ${action}${retryable ? ', resend' : ''}`, () => {
      for (const p of outcomes) {
        const c = classifyFault(bean(code, more), p);
        assert.deepEqual([c.action, c.retryable, c.messageKey], [action, retryable, messageKey], p);
      }
    });
  }

  test('no outcome fault outside the transient set invites a resend', () => {
    const transient = new Set([
      'PPT_SYSTEM_ERROR',
      'PPT_SUPERAMENTOSOGLIA',
      'PPT_ERRORE_IDEMPOTENZA',
      'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE',
      'PPT_STAZIONE_INT_PA_SERVIZIO_NON_ATTIVO',
      'PPT_STAZIONE_INT_PA_SERVIZIO_NONATTIVO',
      'PPT_STAZIONE_INT_PA_TIMEOUT',
      'PPT_STAZIONE_INT_PA_ERRORE_RESPONSE',
    ]);
    for (const code of [...PPT_CODES, 'PPT_CODICE_NUOVO']) {
      for (const description of [undefined, 'Outcome KO non accettabile', 'Check marca da bollo']) {
        for (const p of outcomes) {
          const c = classifyFault(bean(code, { description }), p);
          if (c.retryable) assert.ok(transient.has(code), `${code} "${description ?? ''}" on ${p} is resent`);
        }
      }
    }
  });
});

describe('PPT_STAZIONE_INT_PA_SCONOSCIUTA is wrong notice data, not a creditor outage (SEM_VPNR_11)', () => {
  for (const p of ['verifyPaymentNotice', 'verificaBollettino', 'activatePaymentNoticeV2', 'demandPaymentNotice'] as const) {
    test(p, () => {
      const c = classifyFault(bean('PPT_STAZIONE_INT_PA_SCONOSCIUTA'), p);
      assert.deepEqual([c.action, c.retryable, c.messageKey], ['notice-unpayable', false, 'faults.PPT_STAZIONE_INT_PA_SCONOSCIUTA']);
    });
  }
});

test('parseEsito reads the verdict and the JSON, tolerating broken JSON', () => {
  assert.deepEqual(parseEsito('Esito concorde: {"outcome":"OK","fee":"1.50"}'), { agrees: true, data: { outcome: 'OK', fee: '1.50' } });
  assert.deepEqual(parseEsito('  esito DISCORDE:{"outcome":"KO"}'), { agrees: false, data: { outcome: 'KO' } });
  assert.deepEqual(parseEsito('Esito discorde: {broken'), { agrees: false });
  assert.deepEqual(parseEsito('Esito concorde: [1,2]'), { agrees: true });
  assert.equal(parseEsito('Esito: {"outcome":"OK"}'), undefined);
  assert.equal(parseEsito(undefined), undefined);
});
