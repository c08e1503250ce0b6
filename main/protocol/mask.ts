/**
 * Secrets out of text that may be shown or stored: the channel password inside a SOAP body
 * (`<password>`, with or without prefix, any attributes) becomes `***`.
 */
const PASSWORD_ELEMENT = /(<(?:[A-Za-z_][\w.-]*:)?password\b[^>]*>)([\s\S]*?)(<\/(?:[A-Za-z_][\w.-]*:)?password\s*>)/g;

export const MASK = '***';

export function maskSecrets(xml: string): string {
  return xml.replace(PASSWORD_ELEMENT, `$1${MASK}$3`);
}
