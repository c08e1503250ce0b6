/**
 * The payment certificate for the screens: an SVG preview (what the paper looks like) and printing
 * on the configured receipt printer. The original of a final certificate, once on paper, makes the
 * session certified; every later copy is a marked duplicate (drivers/certificate decides).
 */
import { loadSession } from '../../engine/store';
import { SessionNotFound } from '../../engine/engine';
import {
  certificateDocument, certificateFor, certificateText, deliver, formatOutput, renderSvg,
} from '../../../drivers/certificate/index';
import { PRINT_WARNINGS, warningMessageKey } from '../../../drivers/printer/index';
import type { PrintWarning } from '../../../drivers/printer/index';
import type { CertificateModel, Language } from '../../../drivers/certificate/index';
import { configuredPrinter, requirePrinter } from '../../services/printer/setting';
import type { HandlerContext, Handlers } from './types';
import { SupervisorRequired } from '../../services/access/errors';

/** Settings key counting a session's duplicates on paper: the first is anyone's, later ones a supervisor's. */
const duplicatesKey = (sessionId: string) => `certificate.duplicates.${sessionId}`;

type CertificateCalls = 'certificate.preview' | 'certificate.print' | 'printer.configured';

export function certificateHandlers({ core }: HandlerContext): Handlers<CertificateCalls> {
  const model = (sessionId: string, o: { locale?: Language; reprint?: boolean }): CertificateModel => {
    const loaded = loadSession(core.db, sessionId);
    if (!loaded) throw new SessionNotFound(sessionId);
    // the operation's time is when the money was taken: the tender row, written with the OK outcomes
    const payment = core.db.tenders.listBySession(sessionId).find((t) => t.kind === 'payment');
    return certificateFor(loaded.state, {
      psp: { name: core.config.node.pspName, fiscalCode: core.config.node.pspFiscalCode },
      terminalId: loaded.record.terminalId,
      operatorId: loaded.record.operatorId,
      locale: o.locale ?? core.config.terminal.locale,
      variant: o.reprint ? 'duplicate' : 'original',
      paidAtMs: Date.parse(payment?.createdAt ?? loaded.record.updatedAt),
      printedAtMs: core.engine.now(),
    });
  };
  const title = (m: CertificateModel, sessionId: string) => `${certificateText(m.locale)(`title.${m.kind}`)} ${sessionId}`;

  return {
    'printer.configured': () => {
      const p = configuredPrinter(core.db, core.dataDir);
      return { printer: p ? { target: formatOutput(p.output), paper: p.choice.paper } : null };
    },
    'certificate.preview': (r) => {
      const m = model(r.sessionId, r);
      const printer = configuredPrinter(core.db, core.dataDir);
      const columns = printer?.choice.paper === '58mm' ? 32 : 48;
      return {
        kind: m.kind, duplicate: m.duplicate, printerConfigured: printer !== null,
        svg: renderSvg(certificateDocument(m), { columns, title: title(m, r.sessionId) }),
      };
    },
    'certificate.print': async (r, caller) => {
      const { choice, output } = requirePrinter(core.db, core.dataDir);
      const m = model(r.sessionId, r);
      const copies = Number(core.db.settings.get(duplicatesKey(r.sessionId)) ?? 0);
      if (m.duplicate && copies >= 1 && !caller.roles.has('supervisor')) throw new SupervisorRequired('reprint', { sessionId: r.sessionId, copies });
      const delivery = await deliver(certificateDocument(m), output, { paper: choice.paper, title: title(m, r.sessionId) });
      if (m.duplicate) {
        core.db.transaction(() => {
          core.db.settings.set(duplicatesKey(r.sessionId), copies + 1);
          core.db.journal.append('certificate-duplicate-printed', { copy: copies + 1, by: caller.operatorId ?? caller.kind }, r.sessionId);
        });
      }
      let certified = false;
      if (m.kind === 'final' && !m.duplicate && core.engine.get(r.sessionId).status === 'completed') {
        await core.engine.apply(r.sessionId, { type: 'certificate-issued' });
        certified = true;
      }
      return {
        kind: m.kind, duplicate: m.duplicate, certified, output: formatOutput(output),
        warnings: delivery.warnings.map((w) => ((PRINT_WARNINGS as readonly string[]).includes(w) ? warningMessageKey(w as PrintWarning) : w)),
      };
    },
  };
}
