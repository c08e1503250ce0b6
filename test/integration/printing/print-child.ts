/**
 * A terminal as a child process for the crash test of the print queue: a demo core with the given
 * data directory pays one counter notice, points its printer at the parent's fake network printer
 * and asks for the certificate; the parent SIGKILLs it while the job is on the printer. Writes
 * `paid <sessionId>` on stdout once the payment is done.
 */
import { join } from 'node:path';
import { startCore } from '../../../main/core/core';
import { createCoreApi } from '../../../main/api/core-api';
import { PRINTER_SETTING } from '../../../main/services/printer/setting';
import { pay, QR } from '../contract/counter-fixture';

const dir = process.env.SPORTELLO_DATA_DIR!;
const target = process.env.PRINT_TARGET!;
const core = await startCore({ env: { SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: join(dir, 'config.json') } });
// a long status wait: the parent's printer stops answering after the cut, and the kill comes first
const api = createCoreApi(core, { printTimeouts: { jobTimeoutMs: 120_000, statusTimeoutMs: 60_000 } });
const s = await pay(api, [QR.permit], 'card');
core.db.settings.set(PRINTER_SETTING, { target, paper: '80mm' });
process.stdout.write(`paid ${s.id}\n`);
await api.call('certificate.print', { sessionId: s.id });
process.stdout.write('returned\n');
