/**
 * A terminal as a child process for the fleet's kill tests: the real core in demo mode on
 * SPORTELLO_DATA_DIR (its simulator's state kept there too, so a second life resumes both), the
 * contract API running the fleet shipper, fleet settings from FLEET_URL and FLEET_PREFIX. With
 * FLEET_PAY=1 it keeps making payments (activate, then tender or cancel) until killed; writes
 * `ready` on stdout once the fleet is configured.
 */
import { startCore } from '../../../main/core/core';
import { createCoreApi } from '../../../main/api/core-api';
import { FAST } from './terminal-support';

const QRS = [
  'PAGOPA|002|301020250000000129|77777777777|12000',
  'PAGOPA|002|301020250000000230|77777777777|4550',
  'PAGOPA|002|301020250000000331|77777777777|25000',
  'PAGOPA|002|301020250000000432|77777777777|9900',
];

const core = await startCore();
const api = createCoreApi(core, { fleet: FAST });
const r = await api.call('fleet.configure', {
  enabled: true,
  brokerUrl: process.env.FLEET_URL!,
  username: null,
  clientCert: null,
  ca: null,
  topicPrefix: process.env.FLEET_PREFIX!,
  group: null,
});
if (!r.ok) throw new Error(r.error.message);
process.stdout.write('ready\n');

if (process.env.FLEET_PAY === '1') {
  for (let i = 0; ; i++) {
    // Refusals (a notice still held by the previous KO, say) are journaled too: the journal grows either way.
    const s = await api.call('session.start', { kind: 'counter' });
    if (!s.ok) continue;
    await api.call('session.addNotice', { sessionId: s.value.id, text: QRS[i % QRS.length]! });
    await api.call('session.activate', { sessionId: s.value.id });
    await api.call('session.cancel', { sessionId: s.value.id });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
