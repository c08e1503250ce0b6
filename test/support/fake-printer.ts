/**
 * A fake ESC/POS printer: no physical printer exists on this machine, so tests attach this to the
 * far end of a socat pty pair (as if a serial printer were plugged in) or listen with it on
 * 127.0.0.1 (as a network printer on port 9100 would). It collects every byte, parses the stream
 * with the test-side interpreter, and answers DLE EOT from a state the test scripts and changes,
 * e.g. "the paper runs out when the cut arrives" or "never answer".
 */
import { createServer, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { EscPosParser, interpret, type EscPosOp, type Interpretation } from './escpos-interpreter';

export interface FakePrinterState {
  online: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  error: boolean;
  drawerPinHigh: boolean;
  /** false: a printer that ignores DLE EOT (or a dead line) */
  answersStatus: boolean;
}

export const READY: Readonly<FakePrinterState> = Object.freeze({
  online: true,
  coverOpen: false,
  paperEnd: false,
  paperNearEnd: false,
  error: false,
  drawerPinHigh: false,
  answersStatus: true,
});

type Rule = { when: (op: EscPosOp) => boolean; then: (state: FakePrinterState) => void; once: boolean; fired: boolean };

/** Answer byte to DLE EOT n, laid out as in the Epson reference (fixed bits 0x12). */
export function statusByte(n: number, s: FakePrinterState): number {
  const offline = !s.online || s.coverOpen || s.paperEnd || s.error;
  switch (n) {
    case 1:
      return 0x12 | (s.drawerPinHigh ? 0x04 : 0) | (offline ? 0x08 : 0);
    case 2:
      return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperEnd ? 0x20 : 0) | (s.error ? 0x40 : 0);
    case 3:
      return 0x12 | (s.error ? 0x08 : 0);
    case 4:
      return 0x12 | (s.paperNearEnd ? 0x0c : 0) | (s.paperEnd ? 0x60 : 0);
    default:
      return 0x12;
  }
}

export class FakePrinter {
  state: FakePrinterState = { ...READY };
  readonly ops: EscPosOp[] = [];
  private bytes: number[] = [];
  private parser = new EscPosParser();
  private rules: Rule[] = [];
  private listeners: Array<() => void> = [];

  constructor(
    private readonly send: (bytes: Uint8Array) => void,
    private readonly shutdown: () => Promise<void>,
  ) {}

  /** every byte received so far */
  get received(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  /** Scripted change: when an operation matching `when` arrives, `then` edits the state (once by default). */
  on(when: (op: EscPosOp) => boolean, then: (state: FakePrinterState) => void, opts: { once?: boolean } = {}): void {
    this.rules.push({ when, then, once: opts.once ?? true, fired: false });
  }

  set(change: Partial<FakePrinterState>): void {
    Object.assign(this.state, change);
  }

  /** The whole received stream, interpreted afresh. */
  interpretation(): Interpretation {
    return interpret(this.received);
  }

  /** Operations other than status queries: what would have been printed. */
  printedOps(): EscPosOp[] {
    return this.ops.filter((op) => op.op !== 'status-query');
  }

  /** Starts over (between jobs of one test). */
  clear(): void {
    this.bytes = [];
    this.ops.length = 0;
    this.parser = new EscPosParser();
  }

  /** Resolves once an operation matching `pred` has been received. */
  waitFor(pred: (op: EscPosOp) => boolean, timeoutMs = 5_000): Promise<EscPosOp> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.ops.find(pred);
        if (!found) return false;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(found);
        return true;
      };
      const listener = (): void => void check();
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error('fake printer: expected operation never arrived'));
      }, timeoutMs);
      if (!check()) this.listeners.push(listener);
    });
  }

  close(): Promise<void> {
    return this.shutdown();
  }

  /** called by the line with bytes as they arrive */
  receive(chunk: Uint8Array): void {
    for (const b of chunk) this.bytes.push(b);
    for (const op of this.parser.push(chunk)) {
      this.ops.push(op);
      for (const rule of this.rules) {
        if ((rule.once && rule.fired) || !rule.when(op)) continue;
        rule.fired = true;
        rule.then(this.state);
      }
      // real-time: answered at once, with the state as it is at this point of the stream
      if (op.op === 'status-query' && this.state.answersStatus) this.send(Uint8Array.of(statusByte(op.n, this.state)));
    }
    for (const l of [...this.listeners]) l();
  }
}

/** A fake printer on one end of a pty pair (`path`); the code under test opens the other end. */
export async function attachFakePrinter(path: string): Promise<FakePrinter> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  port.on('error', () => undefined); // the pair going away mid-test is a scenario, not a failure
  const fake = new FakePrinter(
    (bytes) => void port.write(Buffer.from(bytes)),
    () => (port.isOpen ? new Promise<void>((resolve) => port.close(() => resolve())) : Promise.resolve()),
  );
  port.on('data', (chunk: Buffer) => fake.receive(chunk));
  return fake;
}

/** A fake network printer on 127.0.0.1 and a free port; one connection at a time, like port 9100. */
export async function startFakeNetworkPrinter(): Promise<{ printer: FakePrinter; host: string; port: number }> {
  const sockets = new Set<Socket>();
  let current: Socket | undefined;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    current = socket;
    socket.on('data', (chunk: Buffer) => printer.receive(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const printer = new FakePrinter(
    (bytes) => void current?.write(bytes),
    async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake printer has no TCP address');
  return { printer, host: '127.0.0.1', port: address.port };
}
