/**
 * The staff status bar (counter and technician, never the kiosk): is the node reachable, how many
 * outcomes are still on their way and how close the nearest token deadline is (red under five
 * minutes: the outcome must reach the node before it), and how the printer and the scanner are.
 * Fed by the core's pushed events after one read at start.
 */
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../main/contract/calls';
import type { DeviceStatus, NodeStatus, OutboxStatus } from '../../main/contract/events';
import { useClient, useEvent } from './ClientProvider';
import { deadlineTone } from './deadline';
import { formatCountdown, formatTime } from './i18n/format';
import { useI18n } from './i18n/I18nProvider';
import { useLastScanAt } from './scanner';
import { useNow } from './use-now';

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
  const scanner = devices?.scanners[0];
  const tone = outbox ? deadlineTone(outbox.oldestDeadlineMs, now) : 'ok';

  return (
    <footer className="status-bar" aria-label={t('app:status.label')}>
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
          ? t('app:status.printer.device', { name: printer.name, status: printer.status })
          : chosen
            ? t('app:status.printer.chosen', { target: chosen.target, paper: chosen.paper })
            : t('app:status.printer.none')}
      </span>
      <span className="status-item" data-testid="status-scanner">
        {scanner ? t('app:status.scanner.device', { name: scanner.name, status: scanner.status }) : t('app:status.scanner.wedge')}
        {lastScanAt !== null && <> · {t('app:status.scanner.last', { time: formatTime(lastScanAt, lang) })}</>}
      </span>
    </footer>
  );
}
