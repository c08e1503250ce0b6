/**
 * Spontaneous payments (issue 15): the form of a catalogue service, and the notice its creditor
 * creates for the data the payer entered (demandPaymentNotice), put into the cart exactly as a
 * scanned notice: verify, activate, tender and outcome are the usual path, and the verified amount
 * is what is charged (invariant 4), whatever the demand's answer said.
 *
 * A kill between the demand's answer and the notice entering the cart leaves a payable position at
 * the creditor and nothing at the node (no token, no outcome owed): harmless, the position lapses
 * unpaid at its due date, and the journal names the notice (`service-notice-created`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { NodeFault } from '../../protocol';
import type { NodeClient } from '../../node';
import type { SportelloDatabase } from '../../../db';
import { crashPoint, EventRefused, transition } from '../../engine';
import type { NoticeRef, NoticeService, SessionState } from '../../engine/types';
import type { CatalogueEntry } from '../../contract/catalogue-calls';
import { fieldInContext, serviceValue, validateServiceValues } from '../../contract/service-form';
import type { ServiceField, ServiceForm } from '../../contract/service-form';
import { formFromXsd, serviceDataXml, SERVICE_SCHEMA_DIR } from './xsd-form';
import {
  CreditorUnreachable,
  DemandAnswerInvalid,
  ServiceDataInvalid,
  ServiceDataRefused,
  ServiceNotEnabled,
  ServiceSchemaMissing,
  ServiceUnknown,
} from './demand-errors';

export interface DemandDeps {
  catalogue: { find(idSoggettoServizio: string): CatalogueEntry | null };
  node: Pick<NodeClient, 'demandPaymentNotice'>;
  engine: { get(sessionId: string): SessionState; addNotice(sessionId: string, ref: NoticeRef): Promise<SessionState> };
  journal: Pick<SportelloDatabase['journal'], 'append'>;
  /** Where the terminal's copies of the official service schemas are (default SERVICE_SCHEMA_DIR). */
  schemaDir?: string;
}

/** The node's own refusals that mean "no such service here" (node suite SEM_DPNR_10, 11, 12). */
const UNKNOWN_SERVICE = new Set(['PPT_SERVIZIO_SCONOSCIUTO', 'PPT_SERVIZIO_NONATTIVO', 'PPT_VERSIONE_SERVIZIO']);

/**
 * The node could not get an answer from the creditor for the service: its station or broker is
 * down, unknown or disabled, or its domain is (node suite SEM_DPNR_13..17).
 */
const CREDITOR_DOWN = /^PPT_(STAZIONE_INT_PA_|INTERMEDIARIO_PA_|DOMINIO_)/;

/** The form element a creditor's refusal names, when its description does (the first one named). */
export function fieldNamed(form: ServiceForm, text: string | undefined): { path: string; name: string } | null {
  if (!text) return null;
  let best: { path: string; name: string; at: number } | null = null;
  for (const f of form.fields) {
    const m = new RegExp(`(?<![A-Za-z0-9_])${f.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).exec(text);
    if (m && (!best || m.index < best.at)) best = { path: f.path, name: f.name, at: m.index };
  }
  return best && { path: best.path, name: best.name };
}

/** A demandPaymentNotice failure as the operator or the citizen is told it; others pass as they are. */
export function demandRefusal(e: unknown, form: ServiceForm, idSoggettoServizio: string): unknown {
  if (!(e instanceof NodeFault)) return e; // no answer (NODE_UNREACHABLE, NODE_NO_RESPONSE, ...): as verify shows it
  const code = e.classification.effectiveCode;
  if (UNKNOWN_SERVICE.has(code)) return new ServiceUnknown(idSoggettoServizio, code);
  if (CREDITOR_DOWN.test(code)) return new CreditorUnreachable(code, e.retryable);
  if (code.startsWith('PAA_')) {
    const text = e.originalDescription ?? e.description;
    return new ServiceDataRefused(code, text, fieldNamed(form, text) ?? fieldNamed(form, e.description));
  }
  return e;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]!);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class ServiceDemand {
  private readonly forms = new Map<string, ServiceForm>();
  private readonly schemaDir: string;

  constructor(private readonly deps: DemandDeps) {
    this.schemaDir = deps.schemaDir ?? SERVICE_SCHEMA_DIR;
  }

  entry(idSoggettoServizio: string): CatalogueEntry {
    const entry = this.deps.catalogue.find(idSoggettoServizio);
    if (!entry) throw new ServiceUnknown(idSoggettoServizio);
    return entry;
  }

  /** The service's entry and its form, made once per XSD. */
  form(idSoggettoServizio: string): { entry: CatalogueEntry; form: ServiceForm } {
    const entry = this.entry(idSoggettoServizio);
    const xsd = basename(entry.xsdRiferimento);
    let form = this.forms.get(xsd);
    if (!form) {
      const file = xsd ? [join(this.schemaDir, xsd), join(this.schemaDir, 'catalogo-servizi', xsd)].find((f) => existsSync(f)) : undefined;
      if (!file) throw new ServiceSchemaMissing(idSoggettoServizio, entry.xsdRiferimento);
      // The official imports say ../xsd-common/...: relative to the schema, else beside it.
      form = formFromXsd(readFileSync(file, 'utf8'), {
        xsd,
        resolveImport: (location) => {
          const near = resolve(dirname(file), location);
          return readFileSync(existsSync(near) ? near : join(this.schemaDir, basename(location)), 'utf8');
        },
      });
      this.forms.set(xsd, form);
    }
    return { entry, form };
  }

  /**
   * Demands the notice for the values and adds it to the session's cart. `enabled`: whether this
   * caller may use the service (a kiosk only those its technician enabled).
   */
  async addService(
    sessionId: string,
    idSoggettoServizio: string,
    values: Record<string, string>,
    enabled: (entry: CatalogueEntry) => boolean = () => true,
  ): Promise<SessionState> {
    const { entry, form } = this.form(idSoggettoServizio);
    if (!enabled(entry)) throw new ServiceNotEnabled(idSoggettoServizio);
    const checked = validateServiceValues(form, values);
    if (!checked.ok) throw new ServiceDataInvalid(checked.errors);
    const xml = serviceDataXml(form, values);
    const data = form.fields
      .filter((f) => f.kind !== 'fixed' && fieldInContext(form, f, values))
      .map((f) => withOption(f, { path: f.path, name: f.name, value: serviceValue(f, values) }))
      .filter((d) => d.value !== '');
    return this.demand(sessionId, entry, form, xml, data);
  }

  /**
   * The CLI's way (`sportello pay --service ID --data FILE.xml`): the datiSpecificiServizio document
   * as given, sent as it is (the creditor checks it against its XSD); the form's fields found in it
   * are what the certificate prints.
   */
  async addServiceXml(sessionId: string, idSoggettoServizio: string, xml: string): Promise<SessionState> {
    const { entry, form } = this.form(idSoggettoServizio);
    const data = form.fields.flatMap((f) => {
      const m = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${f.name}(?:\\s[^>]*)?>([^<]*)</`).exec(xml);
      return m && f.kind !== 'fixed' ? [withOption(f, { path: f.path, name: f.name, value: unescapeXml(m[1]!.trim()) })] : [];
    });
    return this.demand(sessionId, entry, form, xml, data);
  }

  private async demand(
    sessionId: string,
    entry: CatalogueEntry,
    form: ServiceForm,
    xml: string,
    data: NoticeService['data'],
  ): Promise<SessionState> {
    const { idSoggettoServizio } = entry;
    // A cart that would refuse any notice (paid already, full) is told so before the creditor
    // creates a position nobody can put in it.
    const probe = transition(this.deps.engine.get(sessionId), {
      type: 'notice-added',
      ref: { fiscalCode: '', noticeNumber: '', scannedAmountCents: null, source: 'service' },
    });
    if (!probe.ok) throw new EventRefused(probe.code, probe.message, sessionId);
    // The data is personal (a plate, a name, a fiscal code) and the journal is append-only, exported
    // and shown to technicians: it gets the field names and a hash that proves what was sent; the
    // values stay with the notice (session_notice.service), where the certificate needs them.
    this.deps.journal.append(
      'service-demanded',
      {
        idSoggettoServizio,
        idServizio: entry.idServizio,
        idDominio: entry.idDominio,
        xsd: form.xsd,
        fields: data.map((d) => d.name),
        dataSha256: sha256(xml),
      },
      sessionId,
    );
    let answer;
    try {
      answer = await this.deps.node.demandPaymentNotice({ idSoggettoServizio, datiSpecificiServizio: xml });
    } catch (e) {
      const refusal = demandRefusal(e, form, idSoggettoServizio);
      const code = refusal instanceof Error && 'code' in refusal ? String(refusal.code) : 'INTERNAL';
      const faultCode = e instanceof NodeFault ? e.classification.effectiveCode : null;
      this.deps.journal.append('service-demand-refused', { idSoggettoServizio, code, faultCode }, sessionId);
      throw refusal;
    }
    const { qrCode } = answer;
    const amountCents = answer.paymentList[0]?.amount ?? 0;
    // The protocol layer checked every field's XSD type; what it cannot know is whose notice this is.
    if (qrCode.fiscalCode !== entry.idDominio)
      throw new DemandAnswerInvalid('another creditor', { expected: entry.idDominio, got: qrCode.fiscalCode });
    if (!(amountCents > 0)) throw new DemandAnswerInvalid('no amount', { noticeNumber: qrCode.noticeNumber });
    this.deps.journal.append(
      'service-notice-created',
      { idSoggettoServizio, fiscalCode: qrCode.fiscalCode, noticeNumber: qrCode.noticeNumber, amountCents },
      sessionId,
    );
    // The crash harness's kill between the creditor's answer and the cart (test/crash: an orphan position, no token).
    crashPoint('service-notice-created');
    const service: NoticeService = {
      idServizio: entry.idServizio,
      idSoggettoServizio,
      description: entry.descrizioneServizio,
      creditor: entry.denominazioneEnteCreditore,
      data,
    };
    return this.deps.engine.addNotice(sessionId, {
      fiscalCode: qrCode.fiscalCode,
      noticeNumber: qrCode.noticeNumber,
      scannedAmountCents: amountCents,
      source: 'service',
      service,
    });
  }
}

/** An enumerated value carries its option's label key: the cart and the certificate show "Autoveicoli", not "1". */
function withOption(f: ServiceField, d: NoticeService['data'][number]): NoticeService['data'][number] {
  const option = f.options?.find((o) => o.value === d.value);
  return option ? { ...d, optionKey: option.labelKey } : d;
}
