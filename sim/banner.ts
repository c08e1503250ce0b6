/**
 * What `sportello sim` prints at start: where it listens, the credentials a terminal needs, and
 * the sample notices with their QR text, ready to paste into a terminal's notice field.
 */
import { centsToAmount } from '../kernel/money';
import { qrText } from './notice';
import type { Simulator } from './simulator';

export function banner(sim: Simulator, stateLabel: string): string {
  const c = sim.credentials;
  const lines = [
    'sportello pagoPA node simulator (nodeForPsp, SANP 3.13.0)',
    `  SOAP endpoint     ${sim.url}`,
    `  admin API         ${sim.adminUrl}  (JSON, no key: see sim/README.md)`,
    `  state             ${stateLabel}`,
    `  token validity    ${sim.tokenMs} ms`,
    `  cancel job        ${sim.cancelJobMs > 0 ? `every ${sim.cancelJobMs} ms` : 'only on POST /admin/cancel-job'} (expired tokens hold their notice until it runs)`,
    '',
    'credentials',
    `  idPSP             ${c.idPSP}`,
    `  idBrokerPSP       ${c.idBrokerPSP}`,
    `  idChannel         ${c.idChannel}  (${c.ecommerce ? 'e-commerce: may sell @e.bollo' : 'counter: no @e.bollo'})`,
    `  password          ${c.password}`,
    `  subscription key  ${c.subscriptionKey}  (header Ocp-Apim-Subscription-Key)`,
    '',
    'sample notices (QR text: PAGOPA|002|notice|creditor fiscal code|cents)',
  ];
  for (const p of sim.positions()) {
    // A notice with a revenue stamp is not payable at a counter channel: the node refuses to activate it.
    const state = p.state === 'payable' && !c.ecommerce && p.transfers.some((t) => t.marcaDaBollo) ? 'e-comm only' : p.state;
    lines.push(`  ${(p.label ?? p.paymentDescription).padEnd(58)} ${state.padEnd(11)} ${centsToAmount(p.amountCents).padStart(10)} EUR`);
    lines.push(`    ${p.qrText}${p.postalAccount ? `   (ccPost ${p.postalAccount})` : ''}`);
  }
  const absent = sim.absentNotices();
  if (absent.length > 0) {
    lines.push('', 'notices that do not exist, on purpose');
    for (const a of absent) {
      lines.push(`  ${a.label}`);
      lines.push(`    ${qrText(a.noticeNumber, a.fiscalCode, a.amountCents)}`);
    }
  }
  lines.push('', 'Ctrl+C stops the simulator.');
  return lines.join('\n');
}
