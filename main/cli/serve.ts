/**
 * `sportello serve [--port N] [--static DIR] [--json]`: the core, headless, with its loopback API.
 * Prints where it listens and the token (one JSON line with --json, for a launcher to read), says
 * so when it runs in demo mode, and runs until SIGINT or SIGTERM, then closes everything in order:
 * the server (no new calls), the API's listeners, the core (outbox, database, simulator).
 */
import { startCore } from '../core/core';
import { NODE_WATCH_MS, createCoreApi } from '../api/core-api';
import { startServer } from '../server';
import { flag, has, parseArgs, printError, stopSignal } from './args';
import { refuseWhileRunning } from './remote';

const USAGE = 'usage: sportello serve [--port N] [--static DIR] [--json]';

export async function serveCommand(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { values: ['port', 'static'] });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (has(args, 'help')) return (console.log(USAGE), 0);
  const json = has(args, 'json');
  const portText = flag(args, 'port') ?? '0';
  if (!/^\d+$/.test(portText) || Number(portText) > 65_535 || args.positionals.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const staticDir = flag(args, 'static');

  let core;
  try {
    // One core per data directory: say so at once instead of waiting for the database it holds.
    await refuseWhileRunning('this data directory already has its core');
    core = await startCore();
  } catch (e) {
    printError(json, e);
    return 1;
  }
  const api = createCoreApi(core, { watchNodeEveryMs: NODE_WATCH_MS, devices: true, printing: true });
  let server;
  try {
    server = await startServer({ api, port: Number(portText), publishTo: core.dataDir, ...(staticDir ? { staticDir } : {}) });
  } catch (e) {
    printError(json, e);
    api.close();
    await core.close();
    return 1;
  }

  // Listening for the signals before saying we run: whoever reads the banner may stop us at once.
  const stopped = stopSignal();
  const simUrl = core.sim?.url ?? null;
  if (json) {
    console.log(
      JSON.stringify({
        url: server.url,
        wsUrl: server.wsUrl,
        token: server.token,
        launchUrl: staticDir ? server.launchUrl : null,
        mode: core.mode,
        simulatorUrl: simUrl,
      }),
    );
  } else {
    console.log(`sportello API on ${server.url} (POST /api/<call>, WebSocket ${server.wsUrl})`);
    console.log(`token: ${server.token}`);
    if (staticDir) console.log(`open: ${server.launchUrl}`);
    if (core.mode === 'demo') console.log(`demo mode: no configuration, paying against the built-in node simulator at ${simUrl}`);
  }

  const signal = await stopped;
  if (!json) console.error(`${signal}: stopping`);
  await server.close();
  api.close();
  await api.closed(); // the scanners' ports released
  await core.close();
  return 0;
}
