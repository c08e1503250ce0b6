/**
 * Taking the money. The core says what is owed (notices, fee, total) and, for cash, the change for
 * the amount given; a card goes through the external terminal and the operator confirms it was
 * approved; "other" is any other means the operator confirms. Nothing is recorded until the
 * operator confirms, and then the tender and the outcomes are recorded together by the core.
 * Keys: F5 cash (Alt+1… the quick amounts: exact, then rounded up to 5, 10, 20, 50, 100 euro),
 * F6 card, F7 other; for card and other the operator may copy the authorization code and the
 * like from the terminal's slip (journaled by the core, printed on the certificate).
 * When a technician configured a card terminal for this terminal (counter.cardTerminal), F6 asks it
 * for the amount instead (CardTerminalDialog) and the terminal's answer is recorded with the tender.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TenderMethod } from '../../../main/engine/types';
import { ActionBar, KeyButton } from '../../app/components/ActionBar';
import { Dialog } from '../../app/components/Dialog';
import { Message } from '../../app/components/Message';
import { Money } from '../../app/components/Money';
import { formatCountdown, parseEuroInput } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { useShortcuts } from '../../app/shortcuts';
import type { Action } from '../../app/shortcuts';
import { useNow } from '../../app/use-now';
import { useClient } from '../../app/ClientProvider';
import { CancelPaymentDialog } from './CancelPaymentDialog';
import { CardTerminalDialog } from './CardTerminalDialog';
import { quickCashCents } from './cart';
import { NoticeTable } from './NoticeTable';
import { DETAIL_FIELDS, detailsOf, EMPTY_DETAILS } from './tender-details';
import type { DetailFields } from './tender-details';
import type { Payment, Quote } from './usePayment';

export function TenderStep(props: { payment: Payment }) {
  const { t, has, money } = useI18n();
  const p = props.payment;
  const s = p.session!;
  const now = useNow(1000);
  const [method, setMethod] = useState<TenderMethod | null>(null);
  const [givenText, setGivenText] = useState('');
  const [due, setDue] = useState<Quote | null>(null);
  const [cashQuote, setCashQuote] = useState<{ text: string; quote: Quote | null; error: string | null } | null>(null);
  const [confirm, setConfirm] = useState<TenderMethod | 'cancel' | 'terminal' | null>(null);
  const client = useClient();
  // Whether F6 goes through this terminal's card terminal, or the operator confirms the POS by hand.
  const [cardTerminal, setCardTerminal] = useState(false);
  useEffect(() => {
    void client.call('counter.cardTerminal', {}).then((r) => setCardTerminal(r.ok && r.value.configured));
  }, [s.id]);
  const givenField = useRef<HTMLInputElement>(null);
  const [fields, setFields] = useState<DetailFields>(EMPTY_DETAILS);
  const [invalid, setInvalid] = useState<(keyof DetailFields)[]>([]);
  const held = s.notices.filter((n) => n.phase === 'activated');
  const expiresAt = held.reduce<number | null>(
    (m, n) => (n.activation && (m === null || n.activation.expiresAtMs < m) ? n.activation.expiresAtMs : m),
    null,
  );

  // What is owed, fee included: asked once the tokens are held.
  useEffect(() => {
    void p.quote('card', null).then((r) => r.ok && setDue(r.value));
  }, [s.id]);

  const givenCents = useMemo(() => parseEuroInput(givenText), [givenText]);
  // The change for what was given: the core's arithmetic, asked again whenever the amount changes.
  useEffect(() => {
    if (method !== 'cash' || givenCents === null) return;
    const text = givenText;
    let stale = false;
    void p.quote('cash', givenCents).then((r) => {
      if (stale) return;
      if (r.ok) setCashQuote({ text, quote: r.value, error: null });
      else
        setCashQuote({
          text,
          quote: null,
          error: r.error.code === 'TENDER_INVALID' ? t('counter:tender.insufficient') : describeError(r.error, t, has),
        });
    });
    return () => {
      stale = true;
    };
  }, [method, givenCents, givenText]);

  const cashReady = method === 'cash' && cashQuote?.text === givenText && cashQuote.quote !== null;
  const chooseCash = () => {
    setMethod('cash');
    window.setTimeout(() => givenField.current?.focus(), 0);
  };
  const busy = p.busy !== null;
  // Quick cash: the amount typed for the operator, who still confirms it (Enter) like any other.
  const quick = method === 'cash' && due ? quickCashCents(due.dueCents) : [];
  const quickActions: Action[] = quick.map((c, i) => ({
    id: `quick-${i}`,
    key: `Alt+${i + 1}`,
    label: i === 0 ? `${t('counter:tender.exact')} ${money(c)}` : money(c),
    run: () => {
      setGivenText(euroText(c));
      givenField.current?.focus();
    },
    disabled: busy,
  }));
  const actions: Action[] = [
    { id: 'cash', key: 'F5', label: t('counter:tender.cash'), run: chooseCash, disabled: busy },
    {
      id: 'card',
      key: 'F6',
      label: t('counter:tender.card'),
      run: () => {
        setMethod('card');
        setConfirm(cardTerminal ? 'terminal' : 'card');
      },
      disabled: busy || !due,
    },
    {
      id: 'other',
      key: 'F7',
      label: t('counter:tender.other'),
      run: () => {
        setMethod('other');
        setConfirm('other');
      },
      disabled: busy || !due,
    },
    {
      id: 'confirm',
      key: 'Enter',
      label: t('counter:tender.confirmCash'),
      run: () => cashReady && setConfirm('cash'),
      disabled: !cashReady || busy,
      visible: method === 'cash',
    },
    { id: 'cancel', key: 'F8', label: t('counter:payment.cancel'), run: () => setConfirm('cancel'), disabled: busy },
  ];
  const tender = (m: TenderMethod, cardKind?: 'creditCard' | 'bancomat') => {
    const d = detailsOf(m, fields);
    if (!d.ok) return setInvalid(d.invalid);
    setInvalid([]);
    setConfirm(null);
    void p.tender(m, m === 'cash' ? givenCents : null, cardKind, d.details);
  };

  return (
    <section className="step step-tender" aria-labelledby="tender-title">
      <h1 id="tender-title">{t('counter:tender.title')}</h1>
      <NoticeTable notices={held} caption={t('counter:tender.notices')} />
      {due && (
        <dl className="totals" data-testid="totals">
          <dt>{t('counter:tender.noticesTotal')}</dt>
          <dd>
            <Money cents={due.noticesCents} />
          </dd>
          <dt>{t('counter:tender.fee')}</dt>
          <dd>
            <Money cents={due.feeCents} />
          </dd>
          <dt className="total">{t('counter:tender.due')}</dt>
          <dd className="total" data-testid="due">
            <Money cents={due.dueCents} />
          </dd>
        </dl>
      )}
      {due?.feeSource === 'node' && due.localFeeCents !== undefined && due.localFeeCents !== due.feeCents && (
        // The node's published bundle sets the fee: the operator sees it differs from the terminal's own rule before collecting.
        <p className="hint warning" data-testid="fee-differs">
          {t('counter:tender.feeFromNode', { fee: money(due.feeCents), local: money(due.localFeeCents) })}
        </p>
      )}
      {expiresAt !== null && (
        <p className={`hint ${expiresAt - now < 5 * 60_000 ? 'danger' : ''}`}>
          {t('counter:tender.tokenValid', { time: formatCountdown(expiresAt - now) })}
        </p>
      )}
      {method === 'cash' && (
        <div className="cash-form">
          <label>
            <span>{t('counter:tender.given')}</span>
            <input
              ref={givenField}
              name="given"
              inputMode="decimal"
              autoComplete="off"
              value={givenText}
              onChange={(e) => setGivenText(e.target.value)}
              aria-invalid={givenText !== '' && givenCents === null}
            />
          </label>
          {givenText !== '' && givenCents === null && <Message tone="warning">{t('counter:tender.notAnAmount')}</Message>}
          {cashQuote?.error && cashQuote.text === givenText && <Message tone="warning">{cashQuote.error}</Message>}
          {quickActions.length > 0 && (
            <div className="quick-cash" role="group" aria-label={t('counter:tender.quickCash')} data-testid="quick-cash">
              {quickActions.map((a) => (
                <KeyButton key={a.id} action={a} />
              ))}
            </div>
          )}
          {cashReady && cashQuote?.quote && (
            <p className="change" data-testid="change">
              {t('counter:tender.change')} <Money cents={cashQuote.quote.changeCents} />
            </p>
          )}
        </div>
      )}
      <ActionBar actions={actions} primary={method === 'cash' ? 'confirm' : 'cash'} label={t('counter:actions')} />
      <QuickKeys actions={quickActions} />
      {confirm === 'cash' && cashQuote?.quote && (
        <Dialog
          title={t('counter:tender.confirmTitle')}
          primary="yes"
          actions={[
            { id: 'yes', key: 'Enter', label: t('counter:tender.collect'), run: () => tender('cash') },
            { id: 'no', key: 'Escape', label: t('counter:tender.back'), run: () => setConfirm(null) },
          ]}
        >
          <p>
            {t('counter:tender.confirmCashText', {
              due: money(cashQuote.quote.dueCents),
              given: money(cashQuote.quote.givenCents ?? 0),
              change: money(cashQuote.quote.changeCents),
            })}
          </p>
        </Dialog>
      )}
      {(confirm === 'card' || confirm === 'other') && due && (
        <Dialog
          title={t(`counter:tender.${confirm}Title`)}
          primary="yes"
          actions={[
            { id: 'yes', key: 'Enter', label: t(`counter:tender.${confirm}Approved`), run: () => tender(confirm) },
            // The outcome names the card's kind: a debit PagoBANCOMAT card is not a credit card.
            ...(confirm === 'card'
              ? [{ id: 'bancomat', key: 'F9', label: t('counter:tender.cardApprovedBancomat'), run: () => tender('card', 'bancomat') }]
              : []),
            { id: 'no', key: 'Escape', label: t('counter:tender.back'), run: () => setConfirm(null) },
          ]}
        >
          <p>{t(`counter:tender.${confirm}Text`, { due: money(due.dueCents) })}</p>
          <div className="tender-details" data-testid="tender-details">
            {DETAIL_FIELDS[confirm].map((name, i) => (
              <label key={name}>
                <span>{t(`counter:tender.${name}`)}</span>
                <input
                  name={name}
                  autoFocus={i === 0}
                  autoComplete="off"
                  spellCheck={false}
                  inputMode={name === 'last4' ? 'numeric' : 'text'}
                  maxLength={name === 'last4' ? 4 : name === 'reference' ? 40 : name === 'brand' ? 20 : 12}
                  value={fields[name]}
                  aria-invalid={invalid.includes(name)}
                  onChange={(e) => setFields((f) => ({ ...f, [name]: e.target.value }))}
                />
              </label>
            ))}
            {invalid.length > 0 && <Message tone="warning">{t('counter:tender.detailsInvalid')}</Message>}
          </div>
        </Dialog>
      )}
      {confirm === 'terminal' && due && <CardTerminalDialog sessionId={s.id} dueCents={due.dueCents} onClose={() => setConfirm(null)} />}
      {confirm === 'cancel' && (
        <CancelPaymentDialog payment={p} text={t('counter:payment.cancelActivated')} onClose={() => setConfirm(null)} />
      )}
    </section>
  );
}

/** Cents as the amount field takes them: 125,00. */
const euroText = (cents: number): string => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

/** The quick-cash keys work while the cash form shows (its buttons are in the form). */
function QuickKeys(props: { actions: readonly Action[] }) {
  useShortcuts(props.actions);
  return null;
}
