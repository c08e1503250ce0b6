/**
 * A USB HID scanner opened through a HidBackend (node-hid in production): HID POS reports
 * reassembled by HidPosAssembler, or a keyboard-mode scanner's boot reports decoded by
 * BootKeyboardDecoder. Keyboard mode can only be opened this way on Linux (hidraw); on Windows
 * and macOS the OS owns keyboards: use the keyboard wedge in the renderer or switch the scanner
 * to HID POS. Reading hidraw does not stop the kernel from also typing the keys into the
 * focused window: for keyboard-mode scanners the wedge is the better path.
 */
import { hidrawUdevFix } from './permissions';
import { describeDevice, deviceKey } from './devices';
import { BootKeyboardDecoder } from './hid-keyboard';
import { HONEYWELL_HID_POS_LAYOUT, HidPosAssembler, layoutFromDescriptor, type HidPosLayout } from './hid-pos';
import { nodeHidBackend, type HidBackend, type HidHandle } from './hid-device';
import { BaseScanner } from './scanner-base';
import { bytesToText } from './text';
import type { KeyboardLayout, Terminator } from './types';

export interface HidScannerOptions {
  kind: 'hid-pos' | 'hid-keyboard';
  /** ScanEvent.source.id; default derived from the ids */
  id?: string;
  device: { path: string; vendorId?: number; productId?: number; serialNumber?: string };
  backend?: HidBackend;
  /** hid-pos: override the report layout (default: from the report descriptor, else Honeywell's) */
  posLayout?: HidPosLayout;
  /** hid-keyboard: layout the scanner emulates, terminator, numbered reports */
  layout?: KeyboardLayout;
  terminator?: Terminator;
  reportId?: number | null;
  /** hid-keyboard with terminator 'none': silence that ends a scan */
  idleTimeoutMs?: number;
  clock?: () => number;
}

export class HidScanner extends BaseScanner {
  private handle: HidHandle | null = null;
  private assembler: HidPosAssembler | null = null;
  private keyboard: BootKeyboardDecoder | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly backend: HidBackend;

  constructor(private readonly opts: HidScannerOptions) {
    const d = opts.device;
    super({ kind: opts.kind, id: opts.id ?? `${opts.kind}:${deviceKey(d)}` }, describeDevice(d), opts.clock ?? Date.now);
    this.backend = opts.backend ?? nodeHidBackend();
  }

  get isOpen(): boolean {
    return this.handle !== null;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    const { path } = this.opts.device;
    let handle: HidHandle;
    try {
      handle = await this.backend.open(path);
    } catch (cause) {
      throw this.failure(cause, () => hidrawUdevFix(this.opts.device));
    }
    if (this.opts.kind === 'hid-pos') {
      const descriptor = this.opts.posLayout ? null : await this.backend.reportDescriptor(path).catch(() => null);
      const fromDescriptor = descriptor ? safeLayout(descriptor) : null;
      this.assembler = new HidPosAssembler(this.opts.posLayout ?? fromDescriptor ?? HONEYWELL_HID_POS_LAYOUT);
    } else {
      this.keyboard = new BootKeyboardDecoder({
        layout: this.opts.layout ?? 'us',
        terminator: this.opts.terminator ?? 'Enter',
        reportId: this.opts.reportId ?? null,
      });
    }
    this.handle = handle;
    handle.onReport((report) => this.onReport(report));
    handle.onError((err) => void this.lost(err));
    this.emitConnected();
  }

  async close(): Promise<void> {
    const handle = this.detach();
    if (handle) await handle.close().catch(() => undefined);
  }

  private onReport(report: Uint8Array): void {
    if (this.assembler) {
      const read = this.assembler.push(report);
      if (read) this.emitScan(bytesToText(read.bytes), read.symbology);
      return;
    }
    const keyboard = this.keyboard;
    if (!keyboard) return;
    for (const text of keyboard.push(report)) this.emitScan(text, null);
    if (this.opts.terminator === 'none' && keyboard.pending) {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        const text = keyboard.flush();
        if (text !== null) this.emitScan(text, null);
      }, this.opts.idleTimeoutMs ?? 100);
    }
  }

  /** The read loop failed (unplugged): release the handle, say so once. */
  private async lost(_err: unknown): Promise<void> {
    const handle = this.detach();
    if (!handle) return;
    this.emitDisconnected();
    await handle.close().catch(() => undefined);
  }

  private detach(): HidHandle | null {
    const handle = this.handle;
    this.handle = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.assembler?.reset();
    this.assembler = null;
    this.keyboard = null;
    return handle;
  }
}

function safeLayout(descriptor: Uint8Array): HidPosLayout | null {
  try {
    return layoutFromDescriptor(descriptor);
  } catch {
    return null;
  }
}
