/**
 * Every printer model the technician may pick. Adding a model: one file in this folder exporting a
 * `PrinterModel`, and its name in the list below.
 */
import type { PaperWidth, PrinterProfile } from '../profile';
import { CUSTOM_KUBE_II } from './custom-kube-ii';
import { EPSON_TM_M30 } from './epson-tm-m30';
import { EPSON_TM_T20III } from './epson-tm-t20iii';
import { EPSON_TM_T88VI } from './epson-tm-t88vi';
import { GENERIC } from './generic';
import { profileOf, type PrinterModel } from './model';
import { STAR_ESCPOS } from './star-escpos';

export const PRINTER_MODELS: readonly PrinterModel[] = Object.freeze([
  GENERIC,
  EPSON_TM_T20III,
  EPSON_TM_T88VI,
  EPSON_TM_M30,
  CUSTOM_KUBE_II,
  STAR_ESCPOS,
]);

export const DEFAULT_MODEL_ID = GENERIC.id;

/** The model with this id; an unknown id (a setting written by a newer version) is the generic one. */
export function printerModel(id: string | undefined): PrinterModel {
  return PRINTER_MODELS.find((m) => m.id === id) ?? GENERIC;
}

export function modelProfile(id: string | undefined, paper: PaperWidth): PrinterProfile {
  return profileOf(printerModel(id), paper);
}
