/**
 * `sportello config show [--json]`: the configuration in force, secrets masked.
 * `sportello config sim [--url URL]`: writes a configuration for a `sportello sim` running with its
 * default credentials (default URL http://127.0.0.1:18080/...), so `sportello pay` talks to it.
 */
import { configPath, loadConfig, redactConfig, saveConfig } from '../config';
import type { Config } from '../config';
import { DEFAULT_CREDENTIALS } from '../../sim/simulator';
import { flag, has, parseArgs, printError, printResult } from './args';

const SIM_URL = 'http://127.0.0.1:18080/nodo-auth/node-for-psp/v1';

export async function configCommand(argv: string[]): Promise<number> {
  let a;
  try {
    a = parseArgs(argv, { values: ['url', 'terminal'], positionals: 1 });
  } catch (e) {
    console.error(`sportello config: ${(e as Error).message}`);
    return 2;
  }
  const json = has(a, 'json');
  const [sub = 'show'] = a.positionals;
  try {
    if (sub === 'show') {
      const l = loadConfig();
      const value =
        l.mode === 'demo' ? { mode: 'demo', file: l.file } : { mode: 'configured', file: l.file, config: redactConfig(l.config) };
      printResult(json, value, () =>
        l.mode === 'demo'
          ? `no config at ${l.file}: demo mode (built-in simulator)`
          : `${l.file}\n${JSON.stringify(redactConfig(l.config), null, 2)}`,
      );
      return 0;
    }
    if (sub === 'sim') {
      const c = DEFAULT_CREDENTIALS;
      const config: Config = {
        version: 1,
        node: {
          endpoint: flag(a, 'url') ?? SIM_URL,
          subscriptionKey: c.subscriptionKey,
          idPSP: c.idPSP,
          idBrokerPSP: c.idBrokerPSP,
          idChannel: c.idChannel,
          password: c.password,
          pspFiscalCode: c.idBrokerPSP,
          pspName: 'Sportello Test PSP',
          tokenDurationMs: 1_800_000,
          timeoutsMs: {},
          isPoste: false,
        },
        terminal: { id: flag(a, 'terminal') ?? 'T01', kind: 'counter', locale: 'it', strictCheckDigit: false, kioskAbandonSeconds: 180 },
        fees: { kind: 'flat', cents: 150 },
      };
      const file = saveConfig(config);
      printResult(json, { file, endpoint: config.node.endpoint }, () => `wrote ${file}: node ${config.node.endpoint}`);
      return 0;
    }
    console.error(`usage: sportello config [show | sim [--url URL]]   (file: ${configPath()})`);
    return 2;
  } catch (e) {
    printError(json, e);
    return 1;
  }
}
