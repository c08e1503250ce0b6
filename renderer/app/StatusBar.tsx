/**
 * The staff status bar (counter and technician, never the kiosk): is the node reachable, how many
 * outcomes are still on their way and how close the nearest token deadline is (red under five
 * minutes: the outcome must reach the node before it), and how the printer and the scanner are.
 * Fed by the core's pushed events after one read at start.
 *
 * At the counter it also says when an outcome that was pending at the node is settled after the
 * customer left (issue 13): it remembers the sessions it saw `outcome-pending` (in the window's
 * sessionStorage, so a reload keeps them), and when one is confirmed or refused and the counter
 * says the customer has gone, it shows the notice and amount, a key to open the payment in the
 * history, and a key to dismiss. The counter registers itself as the host (useOutcomeAlertHost):
 * the status bar never imports a mode.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ResponseOf } from '../../main/contract/calls';
import type { DeviceStatus, NodeStatus, OutboxStatus } from '../../main/contract/events';
import type { PrinterStatusPayload } from '../../main/contract/printer-calls';
import { useClient, useEvent } from './ClientProvider';
import { KeyButton } from './components/ActionBar';
import { deadlineTone } from './deadline';
import { loadPending, outcomeChange, savePending } from './outcome-alert';
import type { OutcomeAlert } from './outcome-alert';
import { formatCountdown, formatMoney, formatTime } from './i18n/format';
import { useI18n } from './i18n/I18nProvider';
import { useLastScanAt } from './scanner';
import { useShortcuts } from './shortcuts';
import type { Action } from './shortcuts';
import { useNow } from './use-now';

/** The screen that can open a past payment and knows whether its customer has gone (the counter). */
export interface OutcomeAlertHost {
  open(sessionId: string): void;
  customerLeft(sessionId: string): boolean;
}

let host: OutcomeAlertHost | null = null;
const hostListeners = new Set<() => void>();
const setHost = (h: OutcomeAlertHost | null) => {
  host = h;
  for (const l of hostListeners) l();
};
const subscribeHost = (l: () => void) => {
  hostListeners.add(l);
  return () => hostListeners.delete(l);
};

/** The counter registers while an operator is signed in; null (or unmounting) unregisters. Pass a stable object. */
export function useOutcomeAlertHost(h: OutcomeAlertHost | null): void {
  useEffect(() => {
    if (!h) return;
    setHost(h);
    return () => {
      if (host === h) setHost(null);
    };
  }, [h]);
}

function OutcomeAlerts() {
  const { t } = useI18n();
  const current = useSyncExternalStore(subscribeHost, () => host);
  const pending = useRef<Set<string> | null>(null);
  const [alerts, setAlerts] = useState<OutcomeAlert[]>([]);
  useEvent('session.updated', (s) => {
    pending.current ??= loadPending();
    const change = outcomeChange(pending.current, s);
    if (change.remember) pending.current.add(s.id);
    if (change.forget) pending.current.delete(s.id);
    if (change.remember || change.forget) savePending(pending.current);
    const alert = change.alert;
    if (alert && host?.customerLeft(s.id)) setAlerts((list) => [...list.filter((a) => a.sessionId !== alert.sessionId), alert]);
  });
  const shown = current ? alerts[alerts.length - 1] : undefined;
  const dismiss = () => shown && setAlerts((list) => list.filter((a) => a !== shown));
  const actions: Action[] = shown
    ? [
        {
          id: 'alert-open',
          key: 'Alt+P',
          label: t('history:alert.open'),
          run: () => {
            dismiss();
            current?.open(shown.sessionId);
          },
        },
        { id: 'alert-dismiss', key: 'Alt+X', label: t('history:alert.dismiss'), run: dismiss },
      ]
    : [];
  useShortcuts(actions);
  if (!shown) return null;
  return (
    <div
      className={`status-alert ${shown.outcome === 'confirmed' ? 'ok' : 'danger'}`}
      role="alert"
      data-testid="status-alert"
      data-outcome={shown.outcome}
      data-session={shown.sessionId}
    >
      <span>
        {t(`history:alert.${shown.outcome}`, {
          notice: shown.noticeNumber,
          amount: shown.cents === null ? '—' : formatMoney(shown.cents, t),
        })}
        {shown.notices > 1 && <> {t('history:alert.others', { count: shown.notices - 1 })}</>}
      </span>
      {actions.map((a) => (
        <KeyButton key={a.id} action={a} />
      ))}
    </div>
  );
}

/** The core's print queue (printer.status): a printer problem, and how many papers wait to print. */
function PrintQueueStatus() {
  const client = useClient();
  const { t, has } = useI18n();
  const [status, setStatus] = useState<PrinterStatusPayload | null>(null);
  useEffect(() => {
    void client.call('printer.status', {}).then((r) => r.ok && setStatus((s) => s ?? r.value));
  }, [client]);
  useEvent('printer.status', setStatus);
  if (!status || status.state === 'none') return null;
  const waiting = status.jobs.filter((j) => j.kind !== 'drawer').length;
  if (status.state !== 'problem' && waiting === 0 && !status.drawerOpen) return null;
  const reasonKey = `printer:live.reason.${status.reason ?? ''}`;
  const state = status.state === 'problem' && has(reasonKey) ? t(reasonKey) : t(`printer:live.state.${status.state}`);
  return (
    <span
      className={`status-item print-queue ${status.state === 'problem' ? 'danger' : 'ok'}`}
      data-testid="status-print-queue"
      data-state={status.state}
      data-reason={status.reason ?? ''}
      data-waiting={waiting}
      role={status.state === 'problem' ? 'alert' : undefined}
    >
      {t('printer:live.label', { state })}
      {waiting > 0 && <> · {t('printer:live.kept', { count: waiting })}</>}
      {status.drawerOpen && <> · {t('printer:live.drawerOpen')}</>}
    </span>
  );
}

export function StatusBar() {
  const client = useClient();
  const { t, lang } = useI18n();
  const now = useNow(1000);
  const lastScanAt = useLastScanAt();
  const [node, setNode] = useState<NodeStatus | null>(null);
  const [outbox, setOutbox] = useState<OutboxStatus | null>(null);
  const [devices, setDevices] = useState<DeviceStatus | null>(null);
  const [chosen, setChosen] = useState<ResponseOf<'printer.configured'>['printer']>(null);

  useEffect(() => {
    void client.call('node.status', {}).then((r) => r.ok && setNode((n) => n ?? r.value));
    void client.call('outbox.status', {}).then((r) => r.ok && setOutbox((o) => o ?? r.value));
    void client.call('devices.status', {}).then((r) => r.ok && setDevices((d) => d ?? r.value));
  }, [client]);
  // The technician may choose another printer meanwhile: looked at again every minute and on device news.
  const [devicesSeen, setDevicesSeen] = useState(0);
  const minute = Math.floor(now / 60_000);
  useEffect(() => {
    void client.call('printer.configured', {}).then((r) => r.ok && setChosen(r.value.printer));
  }, [client, minute, devicesSeen]);
  useEvent('node.status', setNode);
  useEvent('outbox.status', setOutbox);
  useEvent('devices.status', (d) => {
    setDevices(d);
    setDevicesSeen((n) => n + 1);
  });

  const nodeState = node?.state ?? 'unknown';
  const printer = devices?.printers[0];
  // A scanner the core reads (plugged, unplugged, refused); the wedge, always there, otherwise.
  const scanner = devices?.scanners.find((s) => s.kind !== 'keyboard');
  const state = (s: { status: string }) => t(`technician:devices.live.state.${s.status}`);
  const tone = outbox ? deadlineTone(outbox.oldestDeadlineMs, now) : 'ok';

  return (
    <footer className="status-bar" aria-label={t('app:status.label')}>
      <OutcomeAlerts />
      <span className={`status-item node-${nodeState}`} data-testid="status-node" data-state={nodeState}>
        {t(`app:status.node.${nodeState}`)}
      </span>
      <span
        className={`status-item outbox ${outbox && outbox.depth > 0 ? tone : 'ok'}`}
        data-testid="status-outbox"
        data-depth={outbox?.depth ?? 0}
        data-tone={outbox && outbox.depth > 0 ? tone : 'ok'}
      >
        {!outbox || outbox.depth === 0 ? t('app:status.outbox.none') : t('app:status.outbox.pending', { count: outbox.depth })}
        {outbox && outbox.oldestDeadlineMs !== null && outbox.depth > 0 && (
          <> · {t('app:status.outbox.deadline', { time: formatCountdown(outbox.oldestDeadlineMs - now) })}</>
        )}
        {outbox && outbox.stalled > 0 && <> · {t('app:status.outbox.stalled', { count: outbox.stalled })}</>}
        {outbox && outbox.needsDecision > 0 && <> · {t('app:status.outbox.needsDecision', { count: outbox.needsDecision })}</>}
      </span>
      <span className="status-item" data-testid="status-printer">
        {printer
          ? t('app:status.printer.device', { name: printer.name, status: state(printer) })
          : chosen
            ? t('app:status.printer.chosen', { target: chosen.target, paper: chosen.paper })
            : t('app:status.printer.none')}
      </span>
      <PrintQueueStatus />
      <span className="status-item" data-testid="status-scanner" data-state={scanner?.status ?? 'wedge'}>
        {scanner ? t('app:status.scanner.device', { name: scanner.name, status: state(scanner) }) : t('app:status.scanner.wedge')}
        {lastScanAt !== null && <> · {t('app:status.scanner.last', { time: formatTime(lastScanAt, lang) })}</>}
      </span>
    </footer>
  );
}
