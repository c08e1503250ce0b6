/** Typed digits as the kiosk shows them. Pure. */

/** 18 digits shown in groups of four, as printed on notices ("3010 2025 0000 0001 29"). */
export function groupDigits(digits: string, size = 4): string {
  return digits.replace(new RegExp(`(\\d{${size}})(?=\\d)`, 'g'), '$1 ');
}
