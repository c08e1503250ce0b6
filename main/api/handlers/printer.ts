/** The print queue and printer model calls: the core's print service (main/services/printer/service.ts) does the work. */
import { PRINTER_MODELS } from '../../../drivers/printer/index';
import type { PaperWidth } from '../../../drivers/printer/index';
import { chooseModel, configuredPrinter } from '../../services/printer/setting';
import type { AttemptResult } from '../../services/printer/service';
import type { HandlerContext, Handlers } from './types';

type PrinterCalls =
  | 'printer.status'
  | 'printer.jobs'
  | 'printer.retryJob'
  | 'printer.discardJob'
  | 'printer.models'
  | 'printer.chooseModel'
  | 'printer.testPage';

const jobOf = (r: AttemptResult) => {
  const { source: _source, ...job } = r.job;
  return job;
};

export function printerHandlers({ core, printing }: HandlerContext): Handlers<PrinterCalls> {
  return {
    'printer.status': () => printing.status(),
    'printer.jobs': (r) => ({ jobs: printing.jobs(r.limit ?? 50) }),
    'printer.retryJob': async (r) => jobOf(await printing.retry(r.jobId)),
    'printer.discardJob': (r, caller) => printing.discard(r.jobId, caller.operatorId ?? caller.kind),
    'printer.models': () => ({
      models: PRINTER_MODELS.map((m) => ({
        id: m.id,
        name: m.name,
        papers: Object.keys(m.papers) as PaperWidth[],
        codePage: m.codePage,
        qrMode: m.qrMode,
        nativeDataMatrix: m.nativeDataMatrix,
        cut: m.cut,
        drawer: m.drawer !== null,
        statusQuery: m.statusQuery,
      })),
      chosen: configuredPrinter(core.db, core.dataDir)?.choice.model ?? 'generic',
    }),
    'printer.chooseModel': (r) => {
      const model = chooseModel(core.db, r.model);
      printing.changed();
      return { model };
    },
    'printer.testPage': async () => jobOf(await printing.testPage()),
  };
}
