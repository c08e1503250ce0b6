/**
 * Devices: what is plugged in (scanners, serial ports, printers), which ones the terminal uses, the
 * kiosk's card terminal, and the tests a technician runs after installing them: a scan shows what
 * sportello reads in it, a test page goes to the chosen printer. Printer and card terminal status
 * are read again every few seconds while the section is open; every scanner (the wedge included)
 * and the chosen printer are listed with the live status the core pushes (`devices.status`), a
 * permission problem with the fix to run.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import type { DeviceStatus } from '../../../main/contract/events';
import { useClient, useEvent } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { Money } from '../../app/components/Money';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useLastScanAt, useScans } from '../../app/scanner';
import { formatTime } from '../../app/i18n/format';
import { useAccess } from '../access';
import { technicianError } from '../errors';
import { cardDraftOf, cardSettingsOf, CardTerminalFields } from './CardTerminalFields';
import type { CardTerminalDraft } from './CardTerminalFields';

type Devices = ResponseOf<'technician.devices'>;
type PrinterStatus = ResponseOf<'technician.printerStatus'>;
type Scanned = ResponseOf<'technician.testScan'>;
type ScannerLine = { baudRate: number; suffix: 'CR' | 'LF' | 'CRLF' | 'none' };
const DEFAULT_LINE: ScannerLine = { baudRate: 9600, suffix: 'CR' };
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
const STATUS_EVERY_MS = 4_000;

export function DevicesSection() {
  const { t, has } = useI18n();
  const access = useAccess();
  const [devices, setDevices] = useState<Devices | null>(null);
  const [printer, setPrinter] = useState<string>('');
  const [customPrinter, setCustomPrinter] = useState('');
  const [paper, setPaper] = useState<'80mm' | '58mm'>('80mm');
  const [scanner, setScanner] = useState('wedge');
  const [line, setLine] = useState<ScannerLine>(DEFAULT_LINE);
  const [spool, setSpool] = useState('');
  const [card, setCard] = useState<CardTerminalDraft | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const load = useCallback(async () => {
    const r = await access.call('technician.devices', {});
    if (!r.ok) return setMessage({ tone: 'error', text: technicianError(r.error, t, has) });
    setDevices(r.value);
    setPrinter(r.value.choice.printer ?? '');
    setPaper(r.value.choice.paper);
    setScanner(r.value.choice.scanner);
    setLine(r.value.choice.scannerLine ?? DEFAULT_LINE);
    setSpool(r.value.spoolDir);
    setCard(cardDraftOf(r.value.cardTerminal.settings));
  }, [access, t, has]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async () => {
    const target = printer === 'custom' ? customPrinter.trim() : printer;
    const cardTerminal = card ? cardSettingsOf(card) : undefined;
    if (card && !cardTerminal) return setMessage({ tone: 'error', text: t('technician:devices.card.invalid') });
    const spoolDir = spool.trim() !== '' && spool.trim() !== devices?.spoolDir ? { spoolDir: spool.trim() } : {};
    const r = await access.call('technician.chooseDevices', {
      printer: target === '' ? null : target,
      paper,
      scanner,
      ...(scanner.startsWith('serial:') ? { scannerLine: line } : {}),
      ...spoolDir,
      ...(cardTerminal ? { cardTerminal } : {}),
    });
    if (!r.ok) return setMessage({ tone: 'error', text: technicianError(r.error, t, has) });
    setMessage({ tone: 'success', text: t('technician:devices.saved') });
    await load();
  };

  if (!devices) return message ? <Message tone={message.tone}>{message.text}</Message> : null;
  return (
    <div className="technician-devices">
      <ActionBar
        actions={[
          { id: 'devices-save', key: 'Ctrl+S', label: t('technician:devices.save'), run: () => void save() },
          { id: 'devices-refresh', key: 'Alt+R', label: t('technician:devices.refresh'), run: () => void load() },
        ]}
        primary="devices-save"
      />
      {message && (
        <Message tone={message.tone} testId="devices-message">
          {message.text}
        </Message>
      )}
      <LiveStatus />
      <LiveDevices />

      <fieldset>
        <legend>{t('technician:devices.printer.title')}</legend>
        <div role="radiogroup" aria-label={t('technician:devices.printer.title')}>
          <Radio name="printer" value="" current={printer} onChange={setPrinter} label={t('technician:devices.printer.none')} />
          {devices.printers.map((p) => (
            <Radio
              key={p.target}
              name="printer"
              value={p.target}
              current={printer}
              onChange={setPrinter}
              label={`${p.name} — ${p.target}`}
              hint={t(`technician:devices.printer.source.${p.source}`)}
            />
          ))}
          <Radio name="printer" value="custom" current={printer} onChange={setPrinter} label={t('technician:devices.printer.custom')} />
        </div>
        {printer === 'custom' && (
          <label>
            <span>{t('technician:devices.printer.target')}</span>
            <input
              name="printer-target"
              value={customPrinter}
              onChange={(e) => setCustomPrinter(e.target.value)}
              placeholder="tcp:192.168.1.50:9100"
              aria-describedby="printer-target-hint"
            />
            <span id="printer-target-hint" className="hint">
              {t('technician:devices.printer.targetHint')}
            </span>
          </label>
        )}
        <label>
          <span>{t('technician:devices.printer.paper')}</span>
          <select name="paper" value={paper} onChange={(e) => setPaper(e.target.value as '80mm' | '58mm')}>
            <option value="80mm">80 mm</option>
            <option value="58mm">58 mm</option>
          </select>
        </label>
        <label>
          <span>{t('technician:devices.spoolDir')}</span>
          <input name="spool-dir" value={spool} onChange={(e) => setSpool(e.target.value)} aria-describedby="spool-dir-hint" />
          <span id="spool-dir-hint" className="hint">
            {t('technician:devices.spoolDirHint')}
          </span>
        </label>
        <TestPrint />
      </fieldset>

      <fieldset>
        <legend>{t('technician:devices.scanner.title')}</legend>
        <div role="radiogroup" aria-label={t('technician:devices.scanner.title')}>
          {devices.scanners.map((s) => (
            <Radio
              key={s.id}
              name="scanner"
              value={s.id}
              current={scanner}
              onChange={setScanner}
              label={s.kind === 'wedge' ? t('technician:devices.scanner.wedge') : `${s.name}${s.path ? ` (${s.path})` : ''}`}
              hint={t(`technician:devices.scanner.kind.${s.kind}`)}
            />
          ))}
          {/* The stored choice, when the system does not list it (unplugged, or a link such as /dev/serial/by-id/…). */}
          {!devices.scanners.some((s) => s.id === devices.choice.scanner) && (
            <Radio
              name="scanner"
              value={devices.choice.scanner}
              current={scanner}
              onChange={setScanner}
              label={devices.choice.scanner}
              hint={t('technician:devices.printer.source.chosen')}
            />
          )}
        </div>
        {scanner.startsWith('serial:') && <SerialLine line={line} onChange={setLine} />}
        <TestScan />
      </fieldset>

      <fieldset>
        <legend>{t('technician:devices.card.title')}</legend>
        {card && <CardTerminalFields draft={card} onChange={setCard} />}
      </fieldset>

      <table data-testid="serial-ports">
        <caption>{t('technician:devices.serial.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('technician:devices.serial.path')}</th>
            <th scope="col">{t('technician:devices.serial.device')}</th>
            <th scope="col">{t('technician:devices.serial.manufacturer')}</th>
          </tr>
        </thead>
        <tbody>
          {devices.serialPorts.length === 0 && (
            <tr>
              <td colSpan={3}>{t('technician:devices.serial.none')}</td>
            </tr>
          )}
          {devices.serialPorts.map((p) => (
            <tr key={p.path}>
              <td className="technical">{p.path}</td>
              <td>{p.name}</td>
              <td>{p.manufacturer ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {devices.problems.map((p) => (
        <Message key={`${p.source}-${p.code}`} tone="warning">
          {t('technician:devices.problem', { source: t(`technician:devices.source.${p.source}`), code: p.code, message: p.message })}
        </Message>
      ))}
    </div>
  );
}

function Radio(props: { name: string; value: string; current: string; onChange: (v: string) => void; label: string; hint?: string }) {
  return (
    <label className="radio">
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.current === props.value}
        onChange={() => props.onChange(props.value)}
      />
      <span>
        {props.label}
        {props.hint && <span className="hint"> · {props.hint}</span>}
      </span>
    </label>
  );
}

function SerialLine(props: { line: ScannerLine; onChange: (l: ScannerLine) => void }) {
  const { t } = useI18n();
  const { line, onChange } = props;
  return (
    <div className="technician-line" aria-label={t('technician:devices.scanner.line.title')}>
      <label>
        <span>{t('technician:devices.scanner.line.baud')}</span>
        <select name="scanner-baud" value={line.baudRate} onChange={(e) => onChange({ ...line, baudRate: Number(e.target.value) })}>
          {BAUD_RATES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('technician:devices.scanner.line.suffix')}</span>
        <select
          name="scanner-suffix"
          value={line.suffix}
          onChange={(e) => onChange({ ...line, suffix: e.target.value as ScannerLine['suffix'] })}
        >
          {(['CR', 'LF', 'CRLF', 'none'] as const).map((x) => (
            <option key={x} value={x}>
              {t(`technician:devices.scanner.line.suffixes.${x}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** Every scanner and the chosen printer, as the core last pushed them; the wedge's scans only this screen sees. */
function LiveDevices() {
  const { t, lang } = useI18n();
  const client = useClient();
  const wedgeScanAt = useLastScanAt();
  const [devices, setDevices] = useState<DeviceStatus | null>(null);
  useEffect(() => {
    void client.call('devices.status', {}).then((r) => r.ok && setDevices((d) => d ?? r.value));
  }, [client]);
  useEvent('devices.status', setDevices);
  if (!devices) return null;
  const time = (at: number | null) => (at === null ? t('technician:devices.live.none') : formatTime(at, lang));
  const rows = [
    ...devices.scanners.map((s) => ({
      ...s,
      lastScanAt: s.kind === 'keyboard' ? wedgeScanAt : s.lastScanAt,
    })),
    ...devices.printers.map((p) => ({ ...p, kind: 'printer' as const, lastScanAt: null })),
    ...(devices.cardTerminals ?? []).map((c) => ({ ...c, kind: 'cardTerminal' as const, lastScanAt: null, problem: undefined })),
  ];
  return (
    <table data-testid="device-live" aria-live="polite">
      <caption>{t('technician:devices.live.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('technician:devices.live.device')}</th>
          <th scope="col">{t('technician:devices.live.kindLabel')}</th>
          <th scope="col">{t('technician:devices.live.stateLabel')}</th>
          <th scope="col">{t('technician:devices.live.lastScan')}</th>
          <th scope="col">{t('technician:devices.live.fix')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={`${d.kind}-${d.id}`} data-device={d.id} data-state={d.status}>
            <td className="technical">{d.kind === 'keyboard' ? t('technician:devices.scanner.wedge') : d.name}</td>
            <td>{t(`technician:devices.live.kind.${d.kind}`)}</td>
            <td className={d.status === 'ready' ? undefined : 'danger'}>
              {t(`technician:devices.live.state.${d.status}`)}
              {d.problem && d.problem.code !== d.status && <> ({t(`technician:devices.live.problem.${d.problem.code}`)})</>}
              {'activity' in d && d.activity !== 'ready' && <> ({t(`technician:devices.live.activity.${d.activity}`)})</>}
              {d.since !== null && (
                <span className="hint">
                  {' '}
                  · {t('technician:devices.live.since')} {formatTime(d.since, lang)}
                </span>
              )}
            </td>
            <td>{d.kind === 'printer' || d.kind === 'cardTerminal' ? '' : time(d.lastScanAt)}</td>
            <td>{d.problem?.fix ? <code>{d.problem.fix}</code> : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LiveStatus() {
  const { t } = useI18n();
  const client = useClient();
  const access = useAccess();
  const [printer, setPrinter] = useState<PrinterStatus | null>(null);
  const [card, setCard] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    const tick = async () => {
      const [p, c] = await Promise.all([access.call('technician.printerStatus', {}), client.call('kiosk.cardStatus', {})]);
      if (stop) return;
      if (p.ok) setPrinter(p.value);
      if (c.ok) setCard(c.value.state);
    };
    void tick();
    const timer = window.setInterval(() => void tick(), STATUS_EVERY_MS);
    return () => {
      stop = true;
      window.clearInterval(timer);
    };
  }, [access, client]);
  const printerText = !printer
    ? '…'
    : printer.state === 'none'
      ? t('technician:devices.status.noPrinter')
      : `${t(`technician:devices.status.printer.${printer.state}`)}${printer.reason ? ` (${t(`printer:unavailable.${printer.reason}`)})` : ''}${printer.paperNearEnd ? ` · ${t('printer:status.paperNearEnd')}` : ''}`;
  return (
    <dl className="technician-live" aria-live="polite" data-testid="live-status">
      <dt>{t('technician:devices.status.printerLabel')}</dt>
      <dd data-state={printer?.state}>{printerText}</dd>
      <dt>{t('technician:devices.status.cardLabel')}</dt>
      <dd data-state={card ?? undefined}>{card ? t(`tender:state.${card}`) : '…'}</dd>
    </dl>
  );
}

function TestPrint() {
  const { t, has } = useI18n();
  const access = useAccess();
  const [result, setResult] = useState<{ tone: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const run = async () => {
    setResult(null);
    const r = await access.call('technician.testPrint', {});
    if (!r.ok) return setResult({ tone: 'error', text: technicianError(r.error, t, has) });
    const warnings = r.value.warnings.map((w) => t(`printer:warning.${w}`)).join(' ');
    setResult({
      tone: warnings ? 'warning' : 'success',
      text: `${t('technician:devices.testPrint.done', { output: r.value.output, bytes: r.value.bytes })} ${warnings}`.trim(),
    });
  };
  return (
    <div className="technician-test">
      <button type="button" onClick={() => void run()} data-testid="test-print">
        {t('technician:devices.testPrint.run')}
      </button>
      <span className="hint">{t('technician:devices.testPrint.hint')}</span>
      {result && (
        <Message tone={result.tone} testId="test-print-result">
          {result.text}
        </Message>
      )}
    </div>
  );
}

function TestScan() {
  const { t, has } = useI18n();
  const access = useAccess();
  const [text, setText] = useState('');
  const [result, setResult] = useState<Scanned | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (value: string) => {
    setResult(null);
    setError(null);
    const r = await access.call('technician.testScan', { text: value });
    if (r.ok) setResult(r.value);
    else setError(technicianError(r.error, t, has));
  };
  // A scan anywhere on the page while the devices are open is a test scan.
  useScans((scan) => {
    setText(scan.text);
    void run(scan.text);
  });
  return (
    <div className="technician-test">
      <p className="hint">{t('technician:devices.testScan.hint')}</p>
      <label>
        <span>{t('technician:devices.testScan.text')}</span>
        <input name="test-scan" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
      </label>
      <button type="button" onClick={() => void run(text)} disabled={text.length === 0} data-testid="test-scan">
        {t('technician:devices.testScan.run')}
      </button>
      {error && (
        <Message tone="error" testId="test-scan-error">
          {error}
        </Message>
      )}
      {result && (
        <dl className="technician-facts" data-testid="test-scan-result">
          <dt>{t('technician:devices.testScan.kind')}</dt>
          <dd>{t(`payload:kind.${result.kind}`)}</dd>
          <dt>{t('payload:field.noticeNumber')}</dt>
          <dd className="technical" data-testid="scan-notice">
            {result.noticeNumber}
          </dd>
          <dt>{t('payload:field.fiscalCode')}</dt>
          <dd className="technical">{result.fiscalCode}</dd>
          <dt>{t('payload:field.amount')}</dt>
          <dd>{result.amountCents === null ? '—' : <Money cents={result.amountCents} />}</dd>
          {result.postalAccount && (
            <>
              <dt>{t('payload:field.postalAccount')}</dt>
              <dd className="technical">{result.postalAccount}</dd>
            </>
          )}
          <dt>{t('technician:devices.testScan.checkDigit')}</dt>
          <dd>
            {t(`technician:devices.testScan.check.${result.checkDigitValid === null ? 'none' : result.checkDigitValid ? 'ok' : 'wrong'}`)}
          </dd>
          {result.warnings.map((w) => (
            <dd key={w.code} className="danger">
              {t(w.messageKey, w.details)}
            </dd>
          ))}
        </dl>
      )}
    </div>
  );
}
