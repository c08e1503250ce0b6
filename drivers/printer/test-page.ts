/**
 * The test page a technician prints after installing a printer: which profile the terminal thinks
 * it drives, the code page row that must show € and the accented letters (if they come out wrong,
 * the profile's ESC t number is wrong for this model), a column ruler (wrapping), the styles, and
 * one of each symbol the certificates use. Ends with a cut.
 */
import { code128, cut, datamatrix, doc, feed, pair, qr, rule, text, type PrintDocument } from './document';
import { printerText, type Translate } from './messages';
import type { PrinterProfile } from './profile';

/** Every non-ASCII character sportello relies on, as two rows that fit 32 columns. */
export const TEST_CHARACTER_ROWS = ['€ à è é ì ò ù À È É Ì Ò Ù', 'ä ö ü ß Ä Ö Ü ° ±'] as const;
export const TEST_CHARACTERS = TEST_CHARACTER_ROWS.join(' ');
export const TEST_NOTICE_CODE = '301000000000000001';
export const TEST_QR_DATA = 'PAGOPA|002|301000000000000001|01234567890|1250';
export const TEST_DATAMATRIX_DATA = 'codfase=NBPA;18301000000000000001120000000000011000000012503896TEST PAGE';

export function printTestPage(profile: PrinterProfile, t: Translate = printerText('it')): PrintDocument {
  const ruler = Array.from({ length: profile.columns }, (_, i) => String((i + 1) % 10)).join('');
  return doc(
    text(t('testPage.title'), { align: 'center', style: { bold: true, doubleHeight: true } }),
    rule('='),
    pair(t('testPage.printer'), profile.name),
    pair(t('testPage.paper'), `${profile.paper}, ${profile.dotsPerLine} dots`),
    pair(t('testPage.columns'), String(profile.columns)),
    pair(t('testPage.codePage'), `${profile.codePage} (CP858)`),
    pair(t('testPage.textMode'), profile.textMode),
    rule(),
    text(`${t('testPage.characters')}:`),
    ...TEST_CHARACTER_ROWS.map((row) => text(row)),
    text(`${t('testPage.ruler')}:`),
    text(ruler),
    rule(),
    text(`${t('testPage.styles')}:`),
    text(t('testPage.bold'), { style: { bold: true } }),
    text(t('testPage.underline'), { style: { underline: true } }),
    text(t('testPage.doubleWidth'), { style: { doubleWidth: true } }),
    text(t('testPage.doubleHeight'), { style: { doubleHeight: true } }),
    rule(),
    text(t('testPage.qr'), { align: 'center' }),
    qr(TEST_QR_DATA),
    text(t('testPage.code128'), { align: 'center' }),
    code128(TEST_NOTICE_CODE),
    text(t('testPage.datamatrix'), { align: 'center' }),
    datamatrix(TEST_DATAMATRIX_DATA),
    rule(),
    text(t('testPage.end'), { align: 'center' }),
    feed(2),
    cut(),
  );
}
