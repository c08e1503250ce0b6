/**
 * A payment engine over its own database file whose node client points nowhere: for measuring what
 * the engine does locally (the tender's durable commit). Nothing here reaches the network.
 */
import { openDatabase, type SportelloDatabase } from '../../db';
import { PaymentEngine } from '../../main/engine';
import { NodeClient } from '../../main/node';

export function offlineEngine(file: string): { db: SportelloDatabase; engine: PaymentEngine; node: NodeClient } {
  const db = openDatabase(file);
  const node = new NodeClient({
    endpoint: 'http://127.0.0.1:9/unused',
    subscriptionKey: 'k',
    idPSP: 'BENCH',
    idBrokerPSP: '12345678901',
    idChannel: '12345678901_01',
    password: 'benchpass1',
  });
  const engine = new PaymentEngine(
    db,
    node,
    { terminalId: 'BENCH01', terminalKind: 'counter', tokenDurationMs: 1_800_000, fees: { kind: 'flat', cents: 150 }, isPoste: false },
    Date.now,
  );
  return { db, engine, node };
}
