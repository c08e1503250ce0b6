/** Waiting for the core, the outcome's confirmation, the receipt, and the way out after a problem. */
import { useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { Spinner } from '../../app/components/Spinner';
import { useI18n } from '../../app/i18n/I18nProvider';
import { KioskButton, KioskScreen } from '../KioskScreen';
import type { CardDetails, Problem, Session } from '../steps';
import { ProblemText } from './ProblemText';

/**
 * How long the citizen waits for the node's answer before leaving with the provisional receipt. Short:
 * the money is safe in the outbox, which keeps delivering the outcome whoever stands at the kiosk.
 */
export const CONFIRM_WAIT_MS = 4_000;

export function BusyScreen(props: { what: 'checking' | 'reserving' | 'cancelling' | 'service' }) {
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
type ReceiptCode = ResponseOf<'kiosk.receiptCode'>;

/**
 * The receipt the citizen keeps: on paper (printed once, on arrival) with its preview on screen, or,
 * without a working printer, as a QR code carrying the certificate's data. While pagoPA has not
 * confirmed yet it is the provisional receipt, and it says so honestly: the payment is recorded and
 * the terminal delivers it; nothing more will be printed here for this citizen.
 */
export function ReceiptScreen(props: { session: Session; card: CardDetails | null; paper: boolean; onDone: () => void }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [code, setCode] = useState<ReceiptCode | null>(null);
  const [printed, setPrinted] = useState<'no-printer' | 'printing' | 'printed' | 'failed'>(props.paper ? 'printing' : 'no-printer');
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void (async () => {
      if (!props.paper) {
        const c = await client.call('kiosk.receiptCode', { sessionId: props.session.id });
        if (c.ok) setCode(c.value);
        return;
      }
      const p = await client.call('certificate.preview', { sessionId: props.session.id, locale: lang });
      if (p.ok) setPreview(p.value);
      if (!p.ok || !p.value.printerConfigured) return setPrinted('no-printer');
      const r = await client.call('certificate.print', { sessionId: props.session.id, locale: lang });
      setPrinted(r.ok ? 'printed' : 'failed');
    })();
  }, [client, lang, props.paper, props.session.id]);
  const kind =
    code?.kind ?? preview?.kind ?? (props.session.status === 'completed' || props.session.status === 'certified' ? 'final' : 'pending');
  const pending = kind === 'pending';
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
        {!props.paper
          ? t('kiosk:receipt.qr')
          : printed === 'printed'
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
      {pending && (
        <p className="kiosk-note" data-testid="receipt-pending">
          {t('kiosk:receipt.pending')}
        </p>
      )}
      <div className="kiosk-receipt">
        {props.card && <CardFacts card={props.card} />}
        {props.paper ? (
          preview ? (
            <figure className="kiosk-certificate" data-kind={preview.kind}>
              <img
                data-testid="certificate-preview"
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview.svg)}`}
                alt={t(pending ? 'kiosk:receipt.pendingAlt' : 'kiosk:receipt.alt')}
              />
            </figure>
          ) : (
            <Spinner label={t('kiosk:receipt.loading')} />
          )
        ) : code ? (
          <figure className="kiosk-certificate kiosk-qr" data-kind={code.kind}>
            <img
              data-testid="receipt-qr"
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.svg)}`}
              alt={t('kiosk:receipt.qrAlt')}
            />
            <figcaption>{t('kiosk:receipt.qrCaption')}</figcaption>
          </figure>
        ) : (
          <Spinner label={t('kiosk:receipt.loading')} />
        )}
      </div>
    </KioskScreen>
  );
}

/** The card that paid, as the terminal answered: brand, masked number, authorization code. */
function CardFacts(props: { card: CardDetails }) {
  const { t } = useI18n();
  const { brand, maskedPan, authCode } = props.card;
  return (
    <dl className="kiosk-facts kiosk-card-facts" data-testid="card-details">
      <dt>{t('kiosk:receipt.card')}</dt>
      <dd data-testid="card-brand">{brand ?? '—'}</dd>
      {maskedPan && (
        <>
          <dt>{t('kiosk:receipt.cardNumber')}</dt>
          <dd className="kiosk-code" data-testid="card-pan">
            {maskedPan}
          </dd>
        </>
      )}
      {authCode && (
        <>
          <dt>{t('kiosk:receipt.authCode')}</dt>
          <dd className="kiosk-code" data-testid="card-auth">
            {authCode}
          </dd>
        </>
      )}
    </dl>
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
