/**
 * The XSD simple types of the fields sportello writes and reads, as checks. A request that breaks
 * one is refused before it leaves (`RequestInvalid`) instead of costing a round trip that ends in
 * PPT_SINTASSI_XSD; an answer that breaks one is a `NodeBadResponse` before anything acts on it
 * (answer-schema.ts). Lengths count characters (code points), as XSD does.
 *
 * Characters: xsd:string admits every XML character, control characters included (C1, DEL, and
 * tab/CR/LF). pagoPA data never carries them and the terminal echoes much of it (certificate,
 * screen, outcome): free text refuses control characters other than tab/CR/LF; identifiers
 * (`line` types, e.g. the payment token) refuse every control character. This is the one place
 * where sportello is stricter than the XSD's letter.
 */

export interface SimpleType {
  /** the XSD's name and its facets, shown in errors: `stPaymentToken (1..35 characters, no control characters)` */
  readonly name: string;
  test(value: string): boolean;
}

const chars = (v: string): number => {
  let n = 0;
  for (const _ of v) n++;
  return n;
};

/** C0 controls but tab/LF/CR, DEL, C1 controls. */
const TEXT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Every control character: identifiers are one line of visible text. */
const LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

function text(name: string, min: number, max: number, kind: 'text' | 'line' = 'text'): SimpleType {
  const control = kind === 'line' ? LINE_CONTROL : TEXT_CONTROL;
  const facets = `${min === max ? `${min}` : `${min}..${max}`} characters${kind === 'line' ? ', no control characters' : ''}`;
  return { name: `${name} (${facets})`, test: (v) => !control.test(v) && chars(v) >= min && chars(v) <= max };
}

function pattern(name: string, re: RegExp, maxChars = Infinity): SimpleType {
  return { name, test: (v) => re.test(v) && chars(v) <= maxChars };
}

function oneOf<T extends string>(name: string, values: readonly T[]): SimpleType {
  return { name: `${name} (${values.join('|')})`, test: (v) => (values as readonly string[]).includes(v) };
}

function isCalendarDay(y: number, mo: number, d: number): boolean {
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

/** A real calendar day written YYYY-MM-DD (the XSD's xsd:date without a timezone: what sportello writes). */
function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** xsd:date as the node may write it: YYYY-MM-DD with an optional timezone (Z, +hh:mm, -hh:mm). */
function isXsdDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-](\d{2}):(\d{2}))?$/.exec(v);
  if (!m || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (m[4] === undefined) return true;
  const minutes = Number(m[4]) * 60 + Number(m[5]);
  return Number(m[5]) < 60 && minutes <= 14 * 60;
}

/** `\d+\.\d{2}` (ASCII digits, leading zeros allowed), value at most 999999999.99; `notZero`: at least 0.01. */
function isAmount(v: string, notZero: boolean): boolean {
  const m = /^0*(\d{1,9})\.(\d{2})$/.exec(v);
  if (!m) return false;
  return !notZero || Number(m[1]) * 100 + Number(m[2]) > 0;
}

/** Canonical base64 (groups of 4, padding only at the end), spaces between characters ignored as xsd:base64Binary allows. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;

export const ST = {
  idPSP: text('stIdPSP', 1, 35),
  idBroker: text('stIdBroker', 1, 35),
  idChannel: text('stIdChannel', 1, 35),
  password: text('stPassword', 8, 15),
  text16: text('stText16', 1, 16),
  text35: text('stText35', 1, 35),
  text70: text('stText70', 1, 70),
  text140: text('stText140', 1, 140),
  text210: text('stText210', 1, 210),
  /** stText35 used as an identifier (creditorReferenceId, the IUV) */
  id35: text('stText35', 1, 35, 'line'),
  /** stText70 used as an identifier (idBundle, idCiBundle and their suggestions) */
  id70: text('stText70', 1, 70, 'line'),
  paymentToken: text('stPaymentToken', 1, 35, 'line'),
  fiscalCodePA: pattern('stFiscalCodePA ([0-9]{11})', /^[0-9]{11}$/),
  noticeNumber: pattern('stNoticeNumber ([0-9]{18})', /^[0-9]{18}$/),
  postalAccount: pattern('stPostalAccount ([0-9]{12})', /^[0-9]{12}$/),
  iban: pattern('stIBAN ([a-zA-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30})', /^[a-zA-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/),
  idempotencyKey: pattern('stIdempotencyKey', /^[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}$/),
  isoDate: { name: 'stISODate (YYYY-MM-DD)', test: isIsoDate } satisfies SimpleType,
  /** dates in answers: xsd:date, timezone allowed */
  xsdDate: { name: 'stISODate (xsd:date, YYYY-MM-DD[timezone])', test: isXsdDate } satisfies SimpleType,
  amount: { name: 'stAmount (\\d+\\.\\d{2}, 0.00..999999999.99)', test: (v: string) => isAmount(v, false) } satisfies SimpleType,
  amountNotZero: {
    name: 'stAmountNotZero (\\d+\\.\\d{2}, 0.01..999999999.99)',
    test: (v: string) => isAmount(v, true),
  } satisfies SimpleType,
  boolean: oneOf('xsd:boolean', ['true', 'false', '1', '0']),
  email: pattern('stEMail', /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*$/, 256),
  nazioneProvincia: pattern('stNazioneProvincia ([A-Z]{2})', /^[A-Z]{2}$/),
  entityUniqueIdentifierType: oneOf('stEntityUniqueIdentifierType', ['F', 'G']),
  entityUniqueIdentifierValue: text('stEntityUniqueIdentifierValue', 2, 16),
  outcome: oneOf('stOutcome', ['OK', 'KO']),
  amountOption: oneOf('stAmountOptionPSP', ['EQ', 'LS', 'GT', 'ANY']),
  paymentMethod: oneOf('stPaymentMethod', ['cash', 'creditCard', 'bancomat', 'other']),
  paymentChannel: oneOf('stPaymentChannel', ['frontOffice', 'atm', 'onLine', 'app', 'other']),
  paymentMethodFee: oneOf('stPaymentMethodFee', ['BBT', 'BP', 'AD', 'CP', 'PO', 'OBEP', 'JIF', 'MYBK', 'PPAL']),
  touchpointFee: oneOf('stTouchpointFee', ['IO', 'WISP', 'CHECKOUT', 'PSP', 'ATM', 'BETTING', 'TS', 'HB', 'POS']),
  idTransfer: oneOf('stIdTransfer', ['1', '2', '3', '4', '5']),
  /** idTransfer in answers: xsd:int lexical forms of 1..5 ('+1', '01' included) */
  idTransferRead: pattern('stIdTransfer (1..5)', /^\+?0*[1-5]$/),
  tipoBollo: oneOf('stTipoBolloDigitale', ['01']),
  /** xsd:base64Binary restricted to 4..72 characters (the @e.bollo document hash) */
  base64Binary72: pattern('stBase64Binary72 (base64, 4..72 characters)', BASE64, 72),
  commissione: oneOf('stCommissione', ['Y', 'N']),
  idSoggettoServizio: text('stIdentificativoSoggettoServizio', 5, 5),
  idServizio: text('stIdentificativoServizio', 5, 5),
  /** canonical base64, non-empty */
  base64: pattern('base64Binary', BASE64),
  /** positive whole milliseconds up to 30 minutes (the XSD sets no minimum; zero or less makes no sense) */
  expirationTime: {
    name: 'stExpirationTime (1..1800000 ms)',
    test: (v: string) => /^[1-9][0-9]{0,6}$/.test(v) && Number(v) <= 1_800_000,
  } satisfies SimpleType,
} as const;
