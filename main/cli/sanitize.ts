/**
 * What the CLI prints of outside data (node fault codes and descriptions, scanned text, file names)
 * goes through here, so a crafted answer cannot move the cursor, retitle the terminal or hide text.
 * JSON output needs nothing: JSON.stringify escapes every control character.
 */
export { printable, printableLine } from '../../kernel/printable';
