/**
 * A terminal's core in a process of its own (figure 4): startCore with the environment it was given
 * (a configured data folder), so recovery and the outbox run as at a real start. Prints one JSON line
 * when started, then runs until SIGTERM and closes in order.
 */
import { startCore } from '../../main/core/core';

const core = await startCore();
console.log(JSON.stringify({ ready: true, uptimeMs: Math.round(process.uptime() * 1000), recovery: core.recovery }));
process.once('SIGTERM', () => {
  void core.close().then(() => process.exit(0));
});
