/** The kiosk's calls: its timing, and card payments on its tender device. */
import { CardTerminalHolder } from '../../services/kiosk/card-terminal';
import { payByCard } from '../../services/kiosk/card-payment';
import { readCardTerminalSettings, readKioskTiming } from '../../services/kiosk/settings';
import type { HandlerContext, Handlers } from './types';

type KioskCalls = Extract<keyof Handlers, `kiosk.${string}`>;

export function kioskHandlers(ctx: HandlerContext): Handlers<KioskCalls> {
  const { core } = ctx;
  const terminal = cardTerminalOf(ctx);
  const state = () => {
    const device = terminal.current();
    return device ? device.status().state : 'not-configured';
  };
  return {
    'kiosk.settings': () => ({ ...readKioskTiming(core.db), cardTerminal: state(), demo: core.mode === 'demo' }),
    'kiosk.payByCard': (r) => payByCard(core, terminal.current(), r.sessionId),
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
