/**
 * The kiosk's calls: its timing, its printer check, card payments on its tender device, the QR
 * receipt; and the same card terminal for a counter (counter.*; the technician's key and test
 * transaction are in technician.ts).
 */
import { CardTerminalHolder } from '../../services/kiosk/card-terminal';
import { payByCard } from '../../services/kiosk/card-payment';
import { ledgerOf, startCardRecovery } from '../../services/card/recovery';
import { CardPaymentNotAllowed } from '../../services/kiosk/errors';
import { checkKioskPrinter, requireReceiptWay } from '../../services/kiosk/printer-check';
import { receiptCode } from '../../services/kiosk/receipt-code';
import {
  chosenCardTerminalSettings,
  readCardTerminalSettings,
  readKioskTiming,
  readWithoutPrinter,
  writeWithoutPrinter,
} from '../../services/kiosk/settings';
import type { HandlerContext, Handlers } from './types';

/** (kiosk.services: handlers/kiosk-services.ts, with the technician's choice of them.) */
type KioskCalls = Exclude<Extract<keyof Handlers, `kiosk.${string}` | `counter.${string}`>, 'kiosk.services'>;

export function kioskHandlers(ctx: HandlerContext): Handlers<KioskCalls> {
  const { core } = ctx;
  const terminal = cardTerminalOf(ctx);
  const state = () => {
    const device = terminal.current();
    return device ? device.status().state : 'not-configured';
  };
  const demo = core.mode === 'demo';
  const counterUsesTerminal = () => (chosenCardTerminalSettings(core.db)?.kind ?? 'none') !== 'none';
  return {
    'kiosk.settings': async () => {
      const printer = await checkKioskPrinter(core);
      return {
        ...readKioskTiming(core.db),
        cardTerminal: state(),
        demo,
        printer: printer.state,
        printerReason: printer.reason,
        withoutPrinter: readWithoutPrinter(core.db, demo),
      };
    },
    'kiosk.setWithoutPrinter': (r) => {
      const withoutPrinter = core.db.transaction(() => {
        const v = writeWithoutPrinter(core.db, r.withoutPrinter);
        core.db.journal.append('kiosk-without-printer-set', { withoutPrinter: v });
        return v;
      });
      return { withoutPrinter };
    },
    'kiosk.receiptCode': (r) => receiptCode(core, r.sessionId),
    'kiosk.payByCard': async (r) => {
      // No money without a receipt the citizen keeps: the printer again, right before the card.
      requireReceiptWay(await checkKioskPrinter(core), readWithoutPrinter(core.db, demo));
      await terminal.loadKey();
      return payByCard(core, terminal.current(), r.sessionId);
    },
    'kiosk.cancelCard': async (r) => {
      const device = terminal.running();
      if (!device || device.status().reference !== r.sessionId) return { cancelled: false };
      return { cancelled: await device.cancel() };
    },
    'kiosk.cardStatus': () => ({ state: state() }),
    'kiosk.cardCheck': (r) => {
      const l = ledgerOf(core, r.sessionId);
      const a = l.phase === 'approved' || l.phase === 'reversed' || l.phase === 'refund-case' ? l.approval : null;
      const card = a ? { brand: a.cardBrand, maskedPan: a.maskedPan, authCode: a.authCode } : null;
      return { phase: l.phase, open: core.engine.cardHeld(r.sessionId), card };
    },
    'counter.cardTerminal': async () => {
      await terminal.loadKey();
      return { configured: counterUsesTerminal(), state: counterUsesTerminal() ? state() : 'not-configured' };
    },
    'counter.payByCard': async (r) => {
      // The counter's staff pay the counter's sessions here; a kiosk's go through kiosk.payByCard.
      const kind = core.db.sessions.get(r.sessionId)?.kind ?? null;
      if (kind !== null && kind !== 'counter') throw new CardPaymentNotAllowed(r.sessionId, `${kind}-session`);
      await terminal.loadKey();
      // Without a terminal a technician chose, the counter's card is the operator's "POS approved".
      return payByCard(core, counterUsesTerminal() ? terminal.current() : null, r.sessionId);
    },
    'counter.cancelCard': async (r) => {
      const device = terminal.running();
      if (!device || device.status().reference !== r.sessionId) return { cancelled: false };
      return { cancelled: await device.cancel() };
    },
  };
}

const terminals = new WeakMap<HandlerContext, CardTerminalHolder>();

/** One card terminal per API (the kiosk pays on it, the technician sets it up), built from the technician's settings. */
export function cardTerminalOf(ctx: HandlerContext): CardTerminalHolder {
  let holder = terminals.get(ctx);
  if (!holder) {
    holder = new CardTerminalHolder(() => readCardTerminalSettings(ctx.core.db, ctx.core.mode === 'demo'), {
      dataDir: ctx.core.dataDir,
      secrets: ctx.core.secrets,
    });
    terminals.set(ctx, holder);
    // Card authorizations a crash or a lost answer left open are settled now and with every sweep.
    const built = holder;
    startCardRecovery(ctx.core, () => built.current());
  }
  return holder;
}
