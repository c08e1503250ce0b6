// A kiosk terminal's life cut short in the middle of a card payment: a real core in demo mode on
// SPORTELLO_DATA_DIR, the nexo terminal simulator the parent runs (NEXO_URL, NEXO_KEY), one card
// payment of the TARI notice. SPORTELLO_CRASH_AT (card-intent-journaled, card-approved) kills it.
// Prints `{"sessionId": ...}` before the card is asked, then the payment's result if it lives.
import { startCore } from '../../../main/core/core';
import { createCoreApi } from '../../../main/api/core-api';
import { payByCard } from '../../../main/services/kiosk/card-payment';
import { NexoCardTerminal } from '../../../drivers/tender';

const QR_TARI = 'PAGOPA|002|301020250000000129|77777777777|12000';

const core = await startCore({ env: process.env });
const api = createCoreApi(core);
const call = async (name: string, request: unknown) => {
  const r = await (api.call as (n: string, r: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>)(name, request);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as { id: string; status: string };
};
const session = await call('session.start', { kind: 'kiosk' });
await call('session.addNotice', { sessionId: session.id, text: QR_TARI });
await call('session.activate', { sessionId: session.id });
process.stdout.write(`${JSON.stringify({ sessionId: session.id })}\n`);
const terminal = new NexoCardTerminal({
  url: process.env.NEXO_URL!,
  insecureLoopback: true,
  poiId: process.env.NEXO_POI!,
  saleId: 'sportello-card-child',
  key: JSON.parse(process.env.NEXO_KEY!) as { keyIdentifier: string; keyVersion: number; passphrase: string },
});
const r = await payByCard(core, terminal, session.id);
process.stdout.write(`${JSON.stringify({ result: r.result })}\n`);
api.close();
await terminal.close();
await core.close();
