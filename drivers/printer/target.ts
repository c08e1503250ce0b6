/**
 * Where a printer is connected, as a typed value parsed from the configuration's target string:
 *
 *   serial:/dev/ttyUSB0?baud=9600   a serial line (RS-232, USB-serial adapter); baud defaults to 9600
 *   tcp:192.168.1.50:9100           raw socket printing (port 9100 when left out); [v6]:9100 for IPv6
 *   usb:/dev/usb/lp0                the kernel's USB printer class device, read and written as a file
 *   file:/var/spool/sportello.bin   bytes appended to a file (a spool, or a test); no status
 */
import { isIP } from 'node:net';
import { PrinterTargetInvalid } from './errors';

export type PrinterTarget =
  | { kind: 'serial'; path: string; baud: number }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'usb'; path: string }
  | { kind: 'file'; path: string };

export const DEFAULT_BAUD = 9600;
export const DEFAULT_TCP_PORT = 9100;

/** Rates a serial printer's DIP switches commonly offer. */
const BAUD_RATES = new Set([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]);
const HOSTNAME_RE = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function parseTarget(text: string): PrinterTarget {
  const s = text.trim();
  const colon = s.indexOf(':');
  if (colon < 0) throw new PrinterTargetInvalid('printer target needs a scheme: serial:, tcp:, usb: or file:', text);
  const scheme = s.slice(0, colon).toLowerCase();
  const rest = s.slice(colon + 1);
  switch (scheme) {
    case 'serial':
      return parseSerial(rest, text);
    case 'tcp':
      return parseTcp(rest, text);
    case 'usb':
      return { kind: 'usb', path: absolutePath(rest, text) };
    case 'file':
      return { kind: 'file', path: absolutePath(rest, text) };
    default:
      throw new PrinterTargetInvalid(`unknown printer target scheme "${scheme}"`, text);
  }
}

export function formatTarget(target: PrinterTarget): string {
  switch (target.kind) {
    case 'serial':
      return `serial:${target.path}?baud=${target.baud}`;
    case 'tcp':
      return `tcp:${isIP(target.host) === 6 ? `[${target.host}]` : target.host}:${target.port}`;
    case 'usb':
      return `usb:${target.path}`;
    case 'file':
      return `file:${target.path}`;
  }
}

function parseSerial(rest: string, text: string): PrinterTarget {
  const q = rest.indexOf('?');
  const path = absolutePath(q < 0 ? rest : rest.slice(0, q), text);
  let baud = DEFAULT_BAUD;
  if (q >= 0) {
    const params = new URLSearchParams(rest.slice(q + 1));
    for (const key of params.keys()) {
      if (key !== 'baud') throw new PrinterTargetInvalid(`unknown serial option "${key}"`, text);
    }
    const raw = params.get('baud');
    if (raw !== null) {
      if (!/^\d+$/.test(raw) || !BAUD_RATES.has(Number(raw))) {
        throw new PrinterTargetInvalid(`baud must be one of ${[...BAUD_RATES].join(', ')}`, text);
      }
      baud = Number(raw);
    }
  }
  return { kind: 'serial', path, baud };
}

function parseTcp(rest: string, text: string): PrinterTarget {
  let host: string;
  let portText: string | undefined;
  const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  if (v6) {
    host = v6[1] ?? '';
    portText = v6[2];
    if (isIP(host) !== 6) throw new PrinterTargetInvalid('bracketed host must be an IPv6 address', text);
  } else {
    const parts = rest.split(':');
    if (parts.length > 2) throw new PrinterTargetInvalid('IPv6 hosts go in brackets: tcp:[::1]:9100', text);
    host = parts[0] ?? '';
    portText = parts[1];
    if (isIP(host) === 0 && !HOSTNAME_RE.test(host)) throw new PrinterTargetInvalid(`not a host name or address: "${host}"`, text);
  }
  let port = DEFAULT_TCP_PORT;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw new PrinterTargetInvalid(`not a TCP port: "${portText}"`, text);
    }
    port = Number(portText);
  }
  return { kind: 'tcp', host, port };
}

function absolutePath(path: string, text: string): string {
  if (!path.startsWith('/')) throw new PrinterTargetInvalid('the device or file path must be absolute', text);
  if (path.includes('\0')) throw new PrinterTargetInvalid('the path contains a NUL byte', text);
  return path;
}
