/** Waiting for the core, the outcome's confirmation, the receipt, and the way out after a problem. */
import { useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { Spinner } from '../../app/components/Spinner';
import { useI18n } from '../../app/i18n/I18nProvider';
import { KioskButton, KioskScreen } from '../KioskScreen';
import type { Problem, Session } from '../steps';
import { ProblemText } from './ProblemText';

/** How long the citizen waits for the node's answer before leaving with the pending slip. */
export const CONFIRM_WAIT_MS = 30_000;

export function BusyScreen(props: { what: 'checking' | 'reserving' | 'cancelling' }) {
  const { t } = useI18n();
  return (
    <KioskScreen title={t(`kiosk:busy.${props.what}.title`)} testId={`busy-${props.what}`}>
      <Spinner label={t(`kiosk:busy.${props.what}.text`)} />
    </KioskScreen>
  );
}

export function ConfirmingScreen(props: { onWaitedEnough: () => void }) {
  const { t } = useI18n();
  const done = useRef(props.onWaitedEnough);
  done.current = props.onWaitedEnough;
  useEffect(() => {
    const timer = window.setTimeout(() => done.current(), CONFIRM_WAIT_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <KioskScreen title={t('kiosk:confirming.title')} testId="confirming">
      <p className="kiosk-lead">{t('kiosk:confirming.approved')}</p>
      <Spinner label={t('kiosk:confirming.text')} />
    </KioskScreen>
  );
}

type Preview = ResponseOf<'certificate.preview'>;

/**
 * The certificate (or, while the node has not confirmed yet, the pending slip) on screen, and on
 * paper when the kiosk has a printer: printed once, on arrival.
 */
export function ReceiptScreen(props: { session: Session; onDone: () => void }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [printed, setPrinted] = useState<'no-printer' | 'printing' | 'printed' | 'failed'>('printing');
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void (async () => {
      const p = await client.call('certificate.preview', { sessionId: props.session.id, locale: lang });
      if (p.ok) setPreview(p.value);
      if (!p.ok || !p.value.printerConfigured) return setPrinted('no-printer');
      const r = await client.call('certificate.print', { sessionId: props.session.id, locale: lang });
      setPrinted(r.ok ? 'printed' : 'failed');
    })();
  }, [client, lang, props.session.id]);
  const pending = preview?.kind === 'pending';
  return (
    <KioskScreen
      title={t(pending ? 'kiosk:receipt.pendingTitle' : 'kiosk:receipt.title')}
      testId="receipt"
      actions={
        <KioskButton primary onClick={props.onDone} testId="done">
          {t('kiosk:receipt.done')}
        </KioskButton>
      }
    >
      <p className="kiosk-lead" role="status">
        {printed === 'printed'
          ? t('kiosk:receipt.take')
          : printed === 'printing'
            ? t('kiosk:receipt.printing')
            : t('kiosk:receipt.onScreen')}
      </p>
      {printed === 'failed' && (
        <p className="kiosk-note" role="alert">
          {t('kiosk:receipt.printFailed')}
        </p>
      )}
      {pending && <p className="kiosk-note">{t('kiosk:receipt.pending')}</p>}
      {preview ? (
        <figure className="kiosk-certificate" data-kind={preview.kind}>
          <img
            data-testid="certificate-preview"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview.svg)}`}
            alt={t(pending ? 'kiosk:receipt.pendingAlt' : 'kiosk:receipt.alt')}
          />
        </figure>
      ) : (
        <Spinner label={t('kiosk:receipt.loading')} />
      )}
    </KioskScreen>
  );
}

export function ProblemScreen(props: { problem: Problem; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <KioskScreen
      title={t('kiosk:problem.title')}
      testId="problem"
      actions={
        <KioskButton primary onClick={props.onDone} testId="done">
          {t('kiosk:action.start')}
        </KioskButton>
      }
    >
      <ProblemText problem={props.problem} />
      <p className="kiosk-hint">{t('kiosk:problem.staff')}</p>
    </KioskScreen>
  );
}
