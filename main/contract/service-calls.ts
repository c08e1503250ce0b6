/**
 * Spontaneous payments (issue 15): the form of a catalogue service, and a notice demanded from its
 * creditor with the data the payer entered (demandPaymentNotice), put into the cart like a scanned
 * one. Browser-safe (zod).
 *
 * Refusals (error codes): SERVICE_UNKNOWN (not in the catalogue, or PPT_SERVIZIO_SCONOSCIUTO),
 * SERVICE_SCHEMA_MISSING (the terminal has no copy of the service's XSD), SERVICE_NOT_ENABLED (a
 * kiosk offers only what the technician enabled), SERVICE_DATA_INVALID (local validation: nothing
 * sent; `details.errors` as `validateServiceValues` gives them), SERVICE_DATA_REFUSED (the creditor
 * refused the data; `details.field` names the form's element when the answer does),
 * CREDITOR_UNREACHABLE (the creditor's station did not answer the node), and the node's own
 * transport codes (NODE_UNREACHABLE, NODE_NO_RESPONSE, ...) when the node did not answer.
 */
import { z } from 'zod';
import { catalogueEntrySchema } from './catalogue-calls';
import { serviceFormSchema } from './service-form';
import { noticeWarningSchema, sessionStateSchema } from './schemas';

const idSoggettoServizio = z.string().trim().min(1).max(35);

/** Values by field path (ServiceField.path); empty or absent = not given. */
const serviceValues = z.record(z.string().max(200), z.string().max(4096)).refine((v) => Object.keys(v).length <= 200, {
  message: 'at most 200 values',
});

export const SERVICE_CALLS = {
  /** The service's entry and the form made from its XSD (cached per XSD). */
  'catalogue.form': {
    request: z.strictObject({ idSoggettoServizio }),
    response: z.object({ entry: catalogueEntrySchema, form: serviceFormSchema }),
  },
  /**
   * Validated against the form, sent as demandPaymentNotice; the notice it returns is added to the
   * cart and verified like a scanned one (the verified amount is what is charged).
   */
  'session.addService': {
    request: z
      .strictObject({
        sessionId: z.string().min(1).max(64),
        idSoggettoServizio,
        values: serviceValues.optional(),
        /** Staff and the CLI only: the datiSpecificiServizio document as it is (`pay --data FILE.xml`), checked by the creditor. */
        xml: z.string().min(1).max(65_536).optional(),
      })
      .refine((r) => (r.values === undefined) !== (r.xml === undefined), { message: 'give either values or xml', path: ['values'] }),
    response: z.object({ session: sessionStateSchema, warnings: z.array(noticeWarningSchema) }),
  },
} as const;
