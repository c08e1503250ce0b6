/** The certificate calls: the service (main/services/certificate.ts) previews, prints and certifies. */
import { configuredCertificatePrinter, previewCertificate, printCertificate } from '../../services/certificate';
import type { HandlerContext, Handlers } from './types';

type CertificateCalls = 'certificate.preview' | 'certificate.print' | 'printer.configured';

export function certificateHandlers({ core, printTimeouts, printing }: HandlerContext): Handlers<CertificateCalls> {
  return {
    'printer.configured': () => ({ printer: configuredCertificatePrinter(core) }),
    'certificate.preview': (r) => previewCertificate(core, r),
    'certificate.print': (r, caller) => printCertificate(core, printing, r, caller, printTimeouts),
  };
}
