/**
 * Reading the notices: a scan anywhere on the screen adds one (the wedge keeps it out of the
 * fields), or the operator types the notice number and the creditor's fiscal code (or the whole
 * code text in the first field). Up to five notices; each is verified with the node at once.
 * Notices the node says cannot be paid stay visible, take no place and add nothing to the total;
 * F3 takes them all out at once (or the selected notice). A verify without an answer is asked
 * again with Alt+R or the row's button.
 */
import { useRef, useState } from 'react';
import { ActionBar } from '../../app/components/ActionBar';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useScans } from '../../app/scanner';
import type { Action } from '../../app/shortcuts';
import { CancelPaymentDialog } from './CancelPaymentDialog';
import { Money } from '../../app/components/Money';
import { isFull, isRetryable, isUnpayable, placesTaken, runningTotalCents } from './cart';
import { CART_LIMIT as MAX_NOTICES } from './limits';
import { NoticeTable } from './NoticeTable';
import { ServicePath } from '../service/ServicePath';
import type { Payment } from './usePayment';

export function EntryStep(props: { payment: Payment; onShiftMenu: () => void }) {
  const { t } = useI18n();
  const p = props.payment;
  const notices = p.session?.notices ?? [];
  const [number, setNumber] = useState('');
  const [fiscalCode, setFiscalCode] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  /** The spontaneous payment's search and form (Alt+N) in place of the cart, which it keeps. */
  const [spontaneous, setSpontaneous] = useState(false);
  const numberField = useRef<HTMLInputElement>(null);
  const full = isFull(notices);
  const unpayable = notices.filter(isUnpayable);
  const retryable = notices.filter(isRetryable);
  const verified = notices.filter((n) => n.phase === 'verified').length;
  const verifying = notices.some((n) => n.phase === 'verifying');

  const added = (ok: boolean) => {
    if (!ok) return;
    setNumber('');
    setFiscalCode('');
    numberField.current?.focus();
  };
  useScans((scan) => {
    if (p.busy || full) return;
    void p.addText(scan.text);
  }, !confirmCancel && !spontaneous);

  const submit = () => {
    const first = number.trim();
    if (first === '') return numberField.current?.focus();
    // A code typed whole (QR text, fiscalCode/noticeNumber) goes as text; two plain fields as manual entry.
    const typedWhole = /[^\d\s]/.test(first) && fiscalCode.trim() === '';
    void (typedWhole ? p.addText(first) : p.addManual(fiscalCode.trim(), first)).then(added);
  };
  const move = (delta: number) => {
    if (notices.length === 0) return;
    const i = notices.findIndex((n) => n.id === selected);
    const next = i === -1 ? (delta > 0 ? 0 : notices.length - 1) : Math.min(notices.length - 1, Math.max(0, i + delta));
    setSelected(notices[next]!.id);
  };
  const selectedNotice = notices.find((n) => n.id === selected) ?? null;
  const busy = p.busy !== null;
  // F3: the selected notice, or else every notice that cannot be paid, at once.
  const removeTargets = selectedNotice ? [selectedNotice.id] : unpayable.map((n) => n.id);
  const remove = () => {
    if (removeTargets.length === 0) return;
    void p.removeMany(removeTargets).then(() => setSelected(null));
  };
  // Alt+R: the selected notice if its verify failed, or else every notice whose verify got no verdict.
  const retryTargets = selectedNotice ? (isRetryable(selectedNotice) ? [selectedNotice.id] : []) : retryable.map((n) => n.id);

  const actions: Action[] = [
    { id: 'add', key: 'Enter', label: t('counter:entry.add'), run: submit, disabled: p.busy !== null || full },
    { id: 'focus', key: 'F2', label: t('counter:entry.newNotice'), run: () => numberField.current?.focus() },
    {
      id: 'spontaneous',
      key: 'Alt+N',
      label: t('counter:entry.spontaneous'),
      run: () => setSpontaneous(true),
      disabled: p.busy !== null || full,
    },
    {
      id: 'remove',
      key: 'F3',
      label:
        selectedNotice || unpayable.length === 0
          ? t('counter:entry.remove')
          : t('counter:entry.removeUnpayable', { count: unpayable.length }),
      run: remove,
      disabled: removeTargets.length === 0 || busy,
    },
    {
      id: 'retry',
      key: 'Alt+R',
      label: t('counter:entry.retry'),
      run: () => void p.retry(retryTargets),
      disabled: retryTargets.length === 0 || busy,
      visible: retryable.length > 0,
    },
    { id: 'up', key: 'Alt+ArrowUp', label: t('counter:entry.selectPrevious'), run: () => move(-1), visible: false },
    { id: 'down', key: 'Alt+ArrowDown', label: t('counter:entry.selectNext'), run: () => move(1), visible: false },
    {
      id: 'cancel',
      key: 'F8',
      label: t('counter:payment.cancel'),
      run: () => setConfirmCancel(true),
      disabled: notices.length === 0 || p.busy !== null,
    },
    {
      id: 'proceed',
      key: 'F9',
      label: t('counter:entry.proceed'),
      run: () => void p.activate(),
      disabled: verified === 0 || verifying || p.busy !== null,
    },
    { id: 'shift', key: 'F10', label: t('counter:shift.menu'), run: props.onShiftMenu, disabled: notices.length > 0 || p.busy !== null },
  ];

  if (spontaneous) return <ServicePath payment={p} onClose={() => setSpontaneous(false)} />;

  return (
    <section className="step step-entry" aria-labelledby="entry-title">
      <h1 id="entry-title">{t('counter:entry.title')}</h1>
      <p className="hint">{t('counter:entry.hint', { max: MAX_NOTICES })}</p>
      <div className="entry-form">
        <label>
          <span>{t('counter:entry.number')}</span>
          <input
            ref={numberField}
            autoFocus
            name="notice-number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={300}
            disabled={full}
          />
        </label>
        <label>
          <span>{t('counter:entry.fiscalCode')}</span>
          <input
            name="fiscal-code"
            value={fiscalCode}
            onChange={(e) => setFiscalCode(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            maxLength={16}
            disabled={full}
          />
        </label>
      </div>
      {full && (
        <p className="hint" role="status">
          {t('counter:entry.full', { max: MAX_NOTICES })}
        </p>
      )}
      {p.busy === 'adding' && (
        <p className="hint" role="status">
          {t('counter:entry.verifying')}
        </p>
      )}
      {/* The running total first: it stays in sight above the notices and the actions. */}
      {notices.length > 0 && (
        <dl className="totals" data-testid="cart-total">
          <dt className="total">{t('counter:entry.total')}</dt>
          <dd className="total" data-testid="running-total">
            <Money cents={runningTotalCents(notices)} />
          </dd>
          <dd className="note">{t('counter:entry.totalNote')}</dd>
        </dl>
      )}
      {notices.length > 0 && (
        <NoticeTable
          notices={notices}
          warnings={p.warnings}
          selected={selected}
          caption={t('counter:entry.cart', { count: placesTaken(notices), max: MAX_NOTICES })}
          onRetry={(id) => void p.retry([id])}
          retryDisabled={busy}
        />
      )}
      {unpayable.length > 0 && (
        <p className="hint warning" data-testid="unpayable-hint">
          {t('counter:entry.unpayable', { key: 'F3' })}
        </p>
      )}
      <ActionBar actions={actions} primary={verified > 0 ? 'proceed' : 'add'} label={t('counter:actions')} />
      {confirmCancel && <CancelPaymentDialog payment={p} text={t('counter:payment.cancelCart')} onClose={() => setConfirmCancel(false)} />}
    </section>
  );
}
