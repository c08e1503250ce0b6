/**
 * The contract over Electron IPC (security checklist item 17). Two channels, both listed here and
 * nowhere else (preload.cjs repeats the names because a sandboxed preload cannot import; a test
 * holds the two lists equal):
 * - `sportello:call` (invoke): `{ call, request, auth? }` in (auth: the technician or operator token
 *   the core's gate checks), a CallResult out;
 * - `sportello:event` (main to page): `{ event, payload }` for the pushed events the window's caller
 *   may see: the window is one connection of the core (`api.connect`), which filters them by the
 *   credentials it presented and the sessions it started (main/api/audience.ts).
 * Every message is checked before the core sees it: the sending frame must be the top frame of our
 * own app (not a frame that navigated elsewhere, not a subframe), the envelope must be exactly
 * `{ call, request? }`, the call must exist, and the request must satisfy the call's schema.
 * Nothing throws back into the page: refusals are CallResults like any other.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { CALLS, isCallName } from '../contract/calls';
import type { EventName } from '../contract/events';
import { CONTRACT_CODES, fail, requestInvalid } from '../contract/result';
import type { CallResult } from '../contract/result';
import { isAppUrl } from './app-protocol';

export const IPC_CHANNELS = { call: 'sportello:call', event: 'sportello:event' } as const;
export const IPC_CHANNEL_LIST: readonly string[] = Object.values(IPC_CHANNELS);

/** A message from a frame that is not our app's top frame. */
export const SENDER_REFUSED = 'SENDER_REFUSED';

const envelopeSchema = z.strictObject({
  call: z.string().min(1).max(128),
  request: z.unknown().optional(),
  auth: z.string().min(1).max(128).optional(),
});

/** What the checks need of a sending frame (Electron's WebFrameMain fits). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** Our app's top frame, by its current URL (a frame that navigated away is no longer ours). */
export function isOwnFrame(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

export interface Dispatcher {
  dispatch(name: unknown, request: unknown, credential: string | null): Promise<CallResult<unknown>>;
}

export async function handleCall(
  api: Dispatcher,
  senderFrame: SenderFrame | null | undefined,
  message: unknown,
): Promise<CallResult<unknown>> {
  if (!isOwnFrame(senderFrame)) return fail({ code: SENDER_REFUSED, message: 'only the sportello window may call the core' });
  const envelope = envelopeSchema.safeParse(message);
  if (!envelope.success) return fail(requestInvalid(envelope.error));
  const { call, request, auth } = envelope.data;
  if (!isCallName(call)) return fail({ code: CONTRACT_CODES.callUnknown, message: `no call named ${JSON.stringify(call.slice(0, 64))}` });
  // Parsed here, in the shell, so a malformed message never reaches the core; the core parses again.
  const parsed = CALLS[call].request.safeParse(request === undefined ? {} : request);
  if (!parsed.success) return fail(requestInvalid(parsed.error));
  // The credential goes to the core's gate, which alone decides what it may do.
  return api.dispatch(call, request === undefined ? {} : request, auth ?? null);
}

/** Where events go: the window's contents, if its top frame is still ours. */
export interface EventTarget {
  isDestroyed(): boolean;
  readonly mainFrame: SenderFrame;
  send(channel: string, message: { event: EventName; payload: unknown }): void;
}

/** The core's side of one client: its calls, and the events meant for it (CoreApi.connect). */
export interface Connection extends Dispatcher {
  forget(): void;
  close(): void;
}

export interface Connector {
  connect(deliver: (event: EventName, payload: unknown) => void): Connection;
}

/** Wires the call channel and the event forwarding; returns what undoes both. */
export type IpcRegistrar = Pick<IpcMain, 'handle' | 'removeHandler'>;

/**
 * The shell has one window: IPC is one connection. When another window takes its place (crash
 * recovery opens a new one), the connection forgets what the old page presented.
 */
export function registerIpc(ipcMain: IpcRegistrar, api: Connector, targets: () => readonly EventTarget[]): () => void {
  let current: readonly EventTarget[] = [];
  const sameWindows = (now: readonly EventTarget[]) => now.length === current.length && now.every((t, i) => t === current[i]);
  const connection = api.connect((event, payload) => {
    const now = targets();
    if (!sameWindows(now)) {
      current = now;
      connection.forget();
    }
    for (const target of now) {
      if (!target.isDestroyed() && isOwnFrame(target.mainFrame)) target.send(IPC_CHANNELS.event, { event, payload });
    }
  });
  ipcMain.handle(IPC_CHANNELS.call, (event: IpcMainInvokeEvent, message: unknown) => {
    const now = targets();
    if (!sameWindows(now)) {
      current = now;
      connection.forget();
    }
    return handleCall(connection, event.senderFrame, message);
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    connection.close();
  };
}
