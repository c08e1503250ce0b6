/**
 * The XSD simple types of the request fields sportello writes, as checks. A request that breaks one
 * is refused before it leaves (`RequestInvalid`) instead of costing a round trip that ends in
 * PPT_SINTASSI_XSD. Lengths count characters (code points), as XSD does.
 */

export interface SimpleType {
  /** the XSD's name, shown in errors */
  readonly name: string;
  test(value: string): boolean;
}

const chars = (v: string): number => [...v].length;

function text(name: string, min: number, max: number): SimpleType {
  return { name, test: (v) => chars(v) >= min && chars(v) <= max };
}

function pattern(name: string, re: RegExp, maxChars = Infinity): SimpleType {
  return { name, test: (v) => re.test(v) && chars(v) <= maxChars };
}

function oneOf<T extends string>(name: string, values: readonly T[]): SimpleType {
  return { name, test: (v) => (values as readonly string[]).includes(v) };
}

/** A real calendar day written YYYY-MM-DD (the XSD's xsd:date without a timezone). */
function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

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
  paymentToken: text('stPaymentToken', 1, 35),
  fiscalCodePA: pattern('stFiscalCodePA', /^[0-9]{11}$/),
  noticeNumber: pattern('stNoticeNumber', /^[0-9]{18}$/),
  postalAccount: pattern('stPostalAccount', /^[0-9]{12}$/),
  idempotencyKey: pattern('stIdempotencyKey', /^[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}$/),
  isoDate: { name: 'stISODate (YYYY-MM-DD)', test: isIsoDate } satisfies SimpleType,
  email: pattern('stEMail', /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*$/, 256),
  nazioneProvincia: pattern('stNazioneProvincia', /^[A-Z]{2}$/),
  entityUniqueIdentifierType: oneOf('stEntityUniqueIdentifierType', ['F', 'G']),
  entityUniqueIdentifierValue: text('stEntityUniqueIdentifierValue', 2, 16),
  outcome: oneOf('stOutcome', ['OK', 'KO']),
  paymentMethod: oneOf('stPaymentMethod', ['cash', 'creditCard', 'bancomat', 'other']),
  paymentChannel: oneOf('stPaymentChannel', ['frontOffice', 'atm', 'onLine', 'app', 'other']),
  paymentMethodFee: oneOf('stPaymentMethodFee', ['BBT', 'BP', 'AD', 'CP', 'PO', 'OBEP', 'JIF', 'MYBK', 'PPAL']),
  touchpointFee: oneOf('stTouchpointFee', ['IO', 'WISP', 'CHECKOUT', 'PSP', 'ATM', 'BETTING', 'TS', 'HB', 'POS']),
  idTransfer: oneOf('stIdTransfer', ['1', '2', '3', '4', '5']),
  commissione: oneOf('stCommissione', ['Y', 'N']),
  idSoggettoServizio: text('stIdentificativoSoggettoServizio', 5, 5),
  /** canonical base64, non-empty */
  base64: pattern('base64Binary', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/),
  /** positive whole milliseconds up to 30 minutes (the XSD sets no minimum; zero or less makes no sense) */
  expirationTime: {
    name: 'stExpirationTime (1..1800000 ms)',
    test: (v: string) => /^[1-9][0-9]{0,6}$/.test(v) && Number(v) <= 1_800_000,
  } satisfies SimpleType,
} as const;
