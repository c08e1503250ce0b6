/** The kiosk's calls: its timing, its printer check, card payments on its tender device, the QR receipt. */
import { CardTerminalHolder } from '../../services/kiosk/card-terminal';
import { payByCard } from '../../services/kiosk/card-payment';
import { checkKioskPrinter, requireReceiptWay } from '../../services/kiosk/printer-check';
import { receiptCode } from '../../services/kiosk/receipt-code';
import { readCardTerminalSettings, readKioskTiming, readWithoutPrinter, writeWithoutPrinter } from '../../services/kiosk/settings';
import type { HandlerContext, Handlers } from './types';

type KioskCalls = Extract<keyof Handlers, `kiosk.${string}`>;

export function kioskHandlers(ctx: HandlerContext): Handlers<KioskCalls> {
  const { core } = ctx;
  const terminal = cardTerminalOf(ctx);
  const state = () => {
    const device = terminal.current();
    return device ? device.status().state : 'not-configured';
  };
  const demo = core.mode === 'demo';
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
      return payByCard(core, terminal.current(), r.sessionId);
    },
    'kiosk.cancelCard': async (r) => {
      const device = terminal.running();
      if (!device || device.status().reference !== r.sessionId) return { cancelled: false };
      return { cancelled: await device.cancel() };
    },
    'kiosk.cardStatus': () => ({ state: state() }),
  };
}

const terminals = new WeakMap<HandlerContext, CardTerminalHolder>();

/** One card terminal per API (the kiosk pays on it, the technician sets it up), built from the technician's settings. */
export function cardTerminalOf(ctx: HandlerContext): CardTerminalHolder {
  let holder = terminals.get(ctx);
  if (!holder) {
    holder = new CardTerminalHolder(() => readCardTerminalSettings(ctx.core.db, ctx.core.mode === 'demo'));
    terminals.set(ctx, holder);
  }
  return holder;
}
