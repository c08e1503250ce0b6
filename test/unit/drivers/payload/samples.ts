// Builders for notice codes used across the payload tests. They follow the published layouts
// (pagopa-protocol.md §7.2, §7.3) field by field; poste-datamatrix.test.ts also holds one literal
// written out by hand so a shared mistake between this builder and the parser cannot go unseen.

export const VALID_NOTICES = ['302000100000009407', '001000000000012370', '200000000000012332', '300715700000000032'];
/** The SANP documentation's example: printed on real notices, yet its mod-93 is 47, not 22. */
export const BAD_CHECK_NOTICE = '311111111112222222';
export const CREDITOR = '77777777777';

export function qr(notice = VALID_NOTICES[0] ?? '', fiscalCode = CREDITOR, amount = '1234'): string {
  return `PAGOPA|002|${notice}|${fiscalCode}|${amount}`;
}

export type DataMatrixFields = {
  notice?: string;
  account?: string;
  amount?: string;
  fiscalCode?: string;
  debtorFiscalCode?: string;
  debtorName?: string;
  subject?: string;
};

/** 256 characters, as pagoPA's notice generator prints it. */
export function posteDataMatrix(f: DataMatrixFields = {}): string {
  return [
    'codfase=NBPA;',
    '18',
    f.notice ?? VALID_NOTICES[0],
    '12',
    f.account ?? '000012345678',
    '10',
    f.amount ?? '0000012345',
    '3',
    '896',
    '1P1',
    (f.fiscalCode ?? CREDITOR).padEnd(11, ' '),
    (f.debtorFiscalCode ?? 'RSSMRA80A01H501U').padEnd(16, ' '),
    (f.debtorName ?? 'Mario Rossi').padEnd(40, ' '),
    (f.subject ?? 'TARI 2024 rata unica').padEnd(110, ' '),
    ' '.repeat(12),
    'A',
  ].join('');
}
