/**
 * Where a document goes: a printer (the driver's targets: serial:, tcp:, usb:, file:) as ESC/POS,
 * or a file as PDF (pdf:PATH) or SVG (svg:PATH). Shared by `sportello certificate` and
 * `sportello print --test`, so every output a certificate can take, the test page can take too.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  formatTarget,
  parseTarget,
  Printer,
  PROFILE_58MM,
  renderEscPos,
  PROFILE_80MM,
  type PrintDocument,
  type PrinterProfile,
  type PrinterTarget,
} from '../printer/index';
import { missingCase } from '../../kernel/errors';
import { CertificateOutputInvalid } from './errors';
import { renderPdf } from './pdf';
import { renderSvg } from './svg';

export type OutputTarget =
  | { readonly kind: 'printer'; readonly target: PrinterTarget }
  | { readonly kind: 'pdf'; readonly path: string }
  | { readonly kind: 'svg'; readonly path: string };

/** 80mm and 58mm are rolls (printer, roll-shaped PDF, SVG); a4 is for PDF and SVG only. */
export type Paper = '80mm' | '58mm' | 'a4';
export const PAPERS: readonly Paper[] = ['80mm', '58mm', 'a4'];

export interface DeliveryOptions {
  readonly paper?: Paper;
  /** PDF/SVG title */
  readonly title?: string;
  /** PDF creation date, epoch ms */
  readonly createdAtMs?: number;
  /** printer model; default the preset for the paper */
  readonly profile?: PrinterProfile;
  readonly jobTimeoutMs?: number;
  readonly statusTimeoutMs?: number;
}

export interface Delivery {
  readonly output: string;
  readonly bytes: number;
  /** printer warnings (paper-near-end) */
  readonly warnings: readonly string[];
}

/** `pdf:PATH` and `svg:PATH` (relative to `cwd`), else a printer target; PrinterTargetInvalid for nonsense. */
export function parseOutput(text: string, cwd: string = process.cwd()): OutputTarget {
  const m = /^(pdf|svg):(.+)$/i.exec(text.trim());
  if (m) {
    const kind = m[1]!.toLowerCase() as 'pdf' | 'svg';
    return { kind, path: resolve(cwd, m[2]!) };
  }
  return { kind: 'printer', target: parseTarget(text) };
}

export function formatOutput(o: OutputTarget): string {
  return o.kind === 'printer' ? formatTarget(o.target) : `${o.kind}:${o.path}`;
}

export async function deliver(document: PrintDocument, output: OutputTarget, opts: DeliveryOptions = {}): Promise<Delivery> {
  const paper = opts.paper ?? '80mm';
  const name = formatOutput(output);
  switch (output.kind) {
    case 'printer': {
      // a bad document fails in renderEscPos, before the printer is opened
      if (paper === 'a4') throw new CertificateOutputInvalid('a receipt printer takes 80mm or 58mm paper, not a4', name);
      const printer = new Printer({
        target: output.target,
        profile: opts.profile ?? (paper === '58mm' ? PROFILE_58MM : PROFILE_80MM),
        ...(opts.jobTimeoutMs ? { jobTimeoutMs: opts.jobTimeoutMs } : {}),
        ...(opts.statusTimeoutMs ? { statusTimeoutMs: opts.statusTimeoutMs } : {}),
      });
      const bytes = renderEscPos(document, printer.profile);
      const result = await printer.printBytes(bytes);
      return { output: name, bytes: bytes.length, warnings: [...result.warnings] };
    }
    case 'pdf': {
      const page = paper === 'a4' ? 'a4' : paper === '58mm' ? 'roll-58mm' : 'roll-80mm';
      const bytes = await renderPdf(document, {
        page,
        ...(opts.title ? { title: opts.title } : {}),
        ...(opts.createdAtMs !== undefined ? { createdAtMs: opts.createdAtMs } : {}),
      });
      writeAtomically(output.path, bytes);
      return { output: name, bytes: bytes.length, warnings: [] };
    }
    case 'svg': {
      const svg = renderSvg(document, {
        columns: paper === 'a4' ? 80 : paper === '58mm' ? 32 : 48,
        ...(opts.title ? { title: opts.title } : {}),
      });
      const bytes = Buffer.from(svg, 'utf8');
      writeAtomically(output.path, bytes);
      return { output: name, bytes: bytes.length, warnings: [] };
    }
    default:
      return missingCase(output);
  }
}

/** Beside, then renamed: a reader never sees half a file. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const aside = `${path}.${process.pid}.tmp`;
  writeFileSync(aside, bytes);
  renameSync(aside, path);
}
