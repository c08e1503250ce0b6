// Run as a child process by witness.test.ts: appends journal entries in separate commits, the
// first of which writes the witness, then dies by SIGKILL without closing, so the witness is left
// behind the file the way a crash leaves it.
import { openDatabase } from '../../../db/index';

const [path, count] = process.argv.slice(2);
if (!path || !count) throw new Error('usage: witness-child.ts <db path> <entries>');
const db = openDatabase(path);
for (let i = 0; i < Number(count); i++) db.journal.append('tender-committed', { i });
process.kill(process.pid, 'SIGKILL');
