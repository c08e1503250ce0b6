// Run as a child process by catalogue.test.ts: opens the terminal's database and starts replacing
// the kept catalogue with a larger one, then dies by SIGKILL part-way through the transaction, the
// way a power cut ends sportello, without closing anything.
import { openDatabase } from '../../../db/index';

const [path, killAt] = process.argv.slice(2);
if (!path || !killAt) throw new Error('usage: kill-child.ts <db path> <row index>');
const db = openDatabase(path);
const rows = Array.from({ length: 1000 }, (_, i) => ({
  idSoggettoServizio: `K${String(i).padStart(4, '0')}`,
  idServizio: `K${String(i).padStart(4, '0')}`,
  descrizioneServizio: `Servizio nuovo ${i}`,
  categoria: 'Nuovi',
  idDominio: '12345678901',
  denominazioneEnteCreditore: 'Ente nuovo',
  xsdRiferimento: 'Cup_1_0_0.xsd',
  commissione: null,
  dataInizioValidita: '2024-01-01',
  dataFineValidita: null,
}));
db.catalogue.replace(rows, rows.length, (i) => {
  if (i === Number(killAt)) process.kill(process.pid, 'SIGKILL');
});
process.stdout.write('not killed\n');
