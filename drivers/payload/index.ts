// The public face of drivers/payload: import from here, not from the files behind it.
export { parseNotice, tryParseNotice, parseManualNotice, tryParseManualNotice, MAX_INPUT_LENGTH } from './parse';
export type { ParseResult } from './parse';
export { PayloadInvalid, displayRead } from './errors';
export { expectedCheckDigit } from './notice-number';
export { REASONS, WARNINGS, PAYLOAD_NAMESPACE, reasonMessageKey, warningMessageKey } from './messages';
export type { PayloadInvalidReason, WarningCode } from './messages';
export type { ManualEntry } from './manual';
export type { Symbology } from './framing';
export type { AuxDigit, NoticeKind, NoticeWarning, ParsedNotice, ParseOptions } from './types';
