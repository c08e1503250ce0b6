/**
 * The node's caller checks, in the order it reports them: PSP, broker, channel, their pairing,
 * then the channel password.
 */
import { nodeFault, NodeFault } from './faults';
import type { PspCredentials } from './context';
import type { Caller } from './requests';

export function checkCaller(psps: readonly PspCredentials[], c: Caller): void {
  if (!psps.some((p) => p.idPSP === c.idPSP)) throw new NodeFault(nodeFault('PPT_PSP_SCONOSCIUTO', `idPSP ${c.idPSP} sconosciuto`));
  if (!psps.some((p) => p.idBrokerPSP === c.idBrokerPSP)) {
    throw new NodeFault(nodeFault('PPT_INTERMEDIARIO_PSP_SCONOSCIUTO', `idBrokerPSP ${c.idBrokerPSP} sconosciuto`));
  }
  if (!psps.some((p) => p.idChannel === c.idChannel))
    throw new NodeFault(nodeFault('PPT_CANALE_SCONOSCIUTO', `idChannel ${c.idChannel} sconosciuto`));
  const channel = psps.find((p) => p.idPSP === c.idPSP && p.idBrokerPSP === c.idBrokerPSP && p.idChannel === c.idChannel);
  if (!channel) throw new NodeFault(nodeFault('PPT_AUTORIZZAZIONE', 'Configurazione intermediario-canale non corretta'));
  if (channel.password !== c.password) throw new NodeFault(nodeFault('PPT_AUTENTICAZIONE', 'Password errata'));
}
