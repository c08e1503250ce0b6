// Child of lifetime.test.ts: a core with the device service running a serial scanner on the pty
// named in argv, closed the way the shells close it. It must then exit by itself: a poll timer or
// an open port left behind would keep it alive.
import { startCore } from '../../../main/core/core';
import { createCoreApi } from '../../../main/api/core-api';

const [dir, port] = process.argv.slice(2);
const core = await startCore({ env: { SPORTELLO_DATA_DIR: dir! } });
const api = createCoreApi(core, { devices: { pollMs: 100 } });
const ready = new Promise<void>((resolve) => {
  api.on('devices.status', (s) => {
    if (s.scanners.some((x) => x.kind === 'serial' && x.status === 'ready')) resolve();
  });
});
const chosen = await api.call('technician.chooseDevices', { scanner: `serial:${port}` });
if (!chosen.ok) throw new Error(chosen.error.message);
await ready;
api.close();
await api.closed();
await core.close();
process.stdout.write('closed\n');
