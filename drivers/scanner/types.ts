/**
 * The shape every scanner input path delivers, whatever the wire: a scan is the raw text the
 * scanner read (never parsed here: drivers/payload does that) plus the symbology when the wire
 * carries it out of band. Types only, so the renderer can import this file.
 */

/** How the scanner reaches us: HID POS reports, a keyboard-mode scanner read through hidraw,
 *  a (USB-CDC) serial port, or keystrokes in the renderer (keyboard wedge). */
export type SourceKind = 'hid-pos' | 'hid-keyboard' | 'serial' | 'wedge';

export const SOURCE_KINDS: readonly SourceKind[] = ['hid-pos', 'hid-keyboard', 'serial', 'wedge'];

/** `id` is stable across replugs when the scanner is a configured choice (see manager.ts). */
export interface ScanSource {
  kind: SourceKind;
  id: string;
}

export interface ScanEvent {
  /** What the scanner read, terminator/suffix removed, otherwise untouched (an in-band AIM prefix stays). */
  text: string;
  /** AIM symbology identifier (ISO/IEC 15424, e.g. `]Q1`) when the wire carries it apart from the data. */
  symbology: string | null;
  source: ScanSource;
  /** Wall-clock milliseconds since the epoch (the injected clock). */
  at: number;
}

/** The one-time change an administrator has to make before the device can be opened. */
export type PermissionFix =
  | {
      kind: 'udev-rule';
      /** e.g. SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b61", MODE="0660", TAG+="uaccess" */
      rule: string;
      /** where the rule goes */
      file: string;
      /** run after writing the file; then replug the scanner */
      commands: string[];
    }
  | {
      kind: 'dialout-group';
      /** sudo usermod -aG dialout $USER; takes effect after logging out and in again */
      command: string;
      relogin: true;
    };

/** Why a device could not be opened or stopped working (also DeviceUnavailable.reason). */
export type UnavailableReason =
  | 'not-found' // no such device or path
  | 'permission-denied' // the OS refused to open it: see the PermissionFix
  | 'busy' // another process holds it (serial lock, exclusive HID open)
  | 'disconnected' // it went away while open (cable pulled, port hung up)
  | 'driver-missing' // the native module or libusb could not be loaded
  | 'io-error'; // anything else the OS reported

export const UNAVAILABLE_REASONS: readonly UnavailableReason[] = [
  'not-found',
  'permission-denied',
  'busy',
  'disconnected',
  'driver-missing',
  'io-error',
];

/** Status changes. Every status has an i18next key (`scanner:status.<kind>`) in locales. */
export type ScannerStatus =
  | { kind: 'connected'; source: ScanSource; at: number; messageKey: string; device: string }
  | { kind: 'disconnected'; source: ScanSource; at: number; messageKey: string; device: string }
  | { kind: 'permission-denied'; source: ScanSource; at: number; messageKey: string; device: string; fix: PermissionFix; fixKey: string }
  | {
      kind: 'unavailable';
      source: ScanSource;
      at: number;
      messageKey: string;
      device: string;
      reason: UnavailableReason;
      reasonKey: string;
    };

export type StatusKind = ScannerStatus['kind'];

export const STATUS_KINDS: readonly StatusKind[] = ['connected', 'disconnected', 'permission-denied', 'unavailable'];

export interface ScannerEvents {
  scan: ScanEvent;
  status: ScannerStatus;
}

/** One input path. `open` rejects with DeviceUnavailable (after emitting the matching status). */
export interface Scanner {
  readonly source: ScanSource;
  on<E extends keyof ScannerEvents>(event: E, listener: (payload: ScannerEvents[E]) => void): () => void;
  open(): Promise<void>;
  /** Stops reading and releases the device; emits no status (the caller chose to close). */
  close(): Promise<void>;
  readonly isOpen: boolean;
}

/** Keyboard layout a keyboard-mode scanner is programmed to emulate (layouts.ts). */
export type KeyboardLayout = 'us' | 'it';

/** What ends one scan in a keystroke stream: a key, or silence for an idle timeout. */
export type Terminator = 'Enter' | 'Tab' | 'none';
