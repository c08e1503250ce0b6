/**
 * The certificate (or the pending slip) as it comes out of the printer, drawn from the core's SVG
 * (the same layout the printer gets). Shown as an image: the SVG is data, nothing in it can run.
 */
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { Spinner } from '../../app/components/Spinner';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';

export type Preview = ResponseOf<'certificate.preview'>;

export function useCertificatePreview(sessionId: string, version: string): { preview: Preview | null; error: ContractError | null } {
  const client = useClient();
  const { lang } = useI18n();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  useEffect(() => {
    let stale = false;
    void client.call('certificate.preview', { sessionId, locale: lang }).then((r) => {
      if (stale) return;
      if (r.ok) {
        setPreview(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      stale = true;
    };
  }, [client, sessionId, lang, version]);
  return { preview, error };
}

export function CertificateImage(props: { preview: Preview | null; error: ContractError | null; label: string }) {
  const { t, has } = useI18n();
  if (props.error) return <Message tone="error">{describeError(props.error, t, has)}</Message>;
  if (!props.preview) return <Spinner label={t('counter:certificate.loading')} />;
  return (
    <figure className="certificate-preview" data-kind={props.preview.kind} data-duplicate={props.preview.duplicate}>
      <img
        data-testid="certificate-preview"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(props.preview.svg)}`}
        alt={props.label}
      />
    </figure>
  );
}
