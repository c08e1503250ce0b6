// The back office's dashboard: login, alerts, terminals (with the nearest deadline counting down),
// a terminal's journal by page, totals per creditor and terminal, the CSV export and the config editor.
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type {
  AlertView,
  ConfigPublished,
  JournalPageView,
  OverviewView,
  PaymentTotals,
  TerminalView,
} from '../../main/backoffice/api-types';
import { useI18n } from '../app/i18n/I18nProvider';
import { LANGS, isLang } from '../app/i18n/translate';
import { ApiError, getJson, postJson } from './api';

const REFRESH_MS = 5_000;

export function FleetApp() {
  const { t } = useI18n();
  const [user, setUser] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    document.title = t('fleet.title');
    getJson<{ user: string }>('/api/me').then(
      (r) => setUser(r.user),
      () => setUser(null),
    );
  }, [t]);
  if (user === undefined) return null;
  if (user === null) return <Login onDone={setUser} />;
  return <Dashboard user={user} onLogout={() => setUser(null)} />;
}

function LangSelect() {
  const { t, lang, setLang } = useI18n();
  return (
    <label>
      <span>{t('fleet.language')}</span>
      <select value={lang} onChange={(e) => isLang(e.target.value) && setLang(e.target.value)}>
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {l.toUpperCase()}
          </option>
        ))}
      </select>
    </label>
  );
}

function Login(props: { onDone: (user: string) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    postJson<{ user: string }>('/api/login', { name, password }).then(
      (r) => props.onDone(r.user),
      (err: unknown) =>
        setError(
          err instanceof ApiError && err.status === 401
            ? t('fleet.login.wrong')
            : err instanceof ApiError && err.status === 423
              ? t('fleet.login.locked')
              : t('fleet.login.failed', { message: (err as Error).message }),
        ),
    );
  };
  return (
    <main>
      <form className="login" onSubmit={submit}>
        <h1>{t('fleet.login.heading')}</h1>
        <label>
          <span>{t('fleet.login.name')}</span>
          <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          <span>{t('fleet.login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit">{t('fleet.login.submit')}</button>
        <LangSelect />
      </form>
    </main>
  );
}

function useNow(ms = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

function Dashboard(props: { user: string; onLogout: () => void }) {
  const { t } = useI18n();
  const [view, setView] = useState<OverviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [journalOf, setJournalOf] = useState<string | null>(null);
  const load = useCallback(() => {
    getJson<OverviewView>('/api/overview').then(
      (v) => (setView(v), setError(null)),
      (e: unknown) => (e instanceof ApiError && e.status === 401 ? props.onLogout() : setError((e as Error).message)),
    );
  }, [props]);
  useEffect(() => {
    load();
    const id = setInterval(load, REFRESH_MS);
    return () => clearInterval(id);
  }, [load]);
  const logout = () => void postJson('/api/logout', {}).finally(props.onLogout);
  return (
    <>
      <header>
        <h1>{t('fleet.title')}</h1>
        <span>{props.user}</span>
        <LangSelect />
        <button type="button" onClick={logout}>
          {t('fleet.logout')}
        </button>
      </header>
      <main>
        {error && (
          <p role="alert" className="error">
            {t('fleet.loadFailed', { message: error })}
          </p>
        )}
        {view && <Alerts alerts={view.alerts} />}
        {view && <Terminals terminals={view.terminals} onJournal={setJournalOf} />}
        {journalOf && (
          <Journal id={journalOf} terminal={view?.terminals.find((x) => x.id === journalOf) ?? null} onClose={() => setJournalOf(null)} />
        )}
        <Totals />
        <Export />
        <ConfigEditor />
      </main>
    </>
  );
}

function when(iso: string | null, lang: string): string {
  return iso ? new Date(iso).toLocaleString(lang) : '—';
}

function Alerts(props: { alerts: AlertView[] }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="alerts-h">
      <h2 id="alerts-h">{t('fleet.alerts.heading')}</h2>
      {props.alerts.length === 0 ? (
        <p>{t('fleet.alerts.none')}</p>
      ) : (
        <ul className="alerts" data-testid="alerts">
          {props.alerts.map((a) => {
            const d = a.detail;
            const params: Record<string, string | number> = {
              deadline: when(typeof d.deadline === 'string' ? d.deadline : null, lang),
              lastSeen: when(typeof d.lastSeen === 'string' ? d.lastSeen : null, lang),
              stalled: Number(d.stalled ?? 0),
              parked: Number(d.parked ?? 0),
              seq: Number(d.seq ?? 0),
            };
            return (
              <li key={a.id} className={`alert-${a.kind}`} data-kind={a.kind} data-terminal={a.terminal}>
                <strong>{a.terminal}</strong>: {t(`fleet.alerts.${a.kind}`, params)}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function countdown(deadline: string, now: number, t: ReturnType<typeof useI18n>['t']): { text: string; urgent: boolean } {
  const left = Math.floor((Date.parse(deadline) - now) / 1000);
  if (left <= 0) return { text: t('fleet.terminals.expired'), urgent: true };
  const m = Math.floor(left / 60);
  const s = String(left % 60).padStart(2, '0');
  return { text: t('fleet.terminals.countdown', { time: `${m}:${s}` }), urgent: left < 5 * 60 };
}

function Terminals(props: { terminals: TerminalView[]; onJournal: (id: string) => void }) {
  const { t, lang } = useI18n();
  const now = useNow();
  return (
    <section aria-labelledby="terminals-h">
      <h2 id="terminals-h">{t('fleet.terminals.heading')}</h2>
      {props.terminals.length === 0 ? (
        <p>{t('fleet.terminals.none')}</p>
      ) : (
        <table data-testid="terminals">
          <thead>
            <tr>
              {(['id', 'kind', 'group', 'online', 'lastSeen', 'outbox', 'deadline', 'printer', 'versions', 'journal'] as const).map((k) => (
                <th key={k} scope="col">
                  {t(`fleet.terminals.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.terminals.map((x) => {
              const cd = x.nearestDeadline ? countdown(x.nearestDeadline, now, t) : null;
              return (
                <tr key={x.id} data-terminal={x.id}>
                  <th scope="row">{x.id}</th>
                  <td>{x.kind ?? '—'}</td>
                  <td>{x.group ?? '—'}</td>
                  <td className={x.online ? '' : 'offline'}>{x.online ? t('fleet.terminals.on') : t('fleet.terminals.off')}</td>
                  <td>{when(x.lastSeen, lang)}</td>
                  <td>{x.outboxDepth ?? '—'}</td>
                  <td className={cd?.urgent ? 'urgent' : ''}>{cd ? `${when(x.nearestDeadline, lang)} (${cd.text})` : '—'}</td>
                  <td>{x.printer ?? '—'}</td>
                  <td>
                    {x.softwareVersion ?? '—'} / {x.configVersion ?? '—'}
                  </td>
                  <td>
                    <button type="button" onClick={() => props.onJournal(x.id)}>
                      {t('fleet.terminals.show', { id: x.id })}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Journal(props: { id: string; terminal: TerminalView | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [before, setBefore] = useState<number | null>(null);
  const [page, setPage] = useState<JournalPageView | null>(null);
  useEffect(() => {
    getJson<JournalPageView>(`/api/terminals/${encodeURIComponent(props.id)}/journal${before === null ? '' : `?before=${before}`}`).then(
      setPage,
      () => setPage(null),
    );
  }, [props.id, before]);
  const j = props.terminal?.journal;
  return (
    <section aria-labelledby="journal-h">
      <h2 id="journal-h">{t('fleet.journal.heading', { id: props.id })}</h2>
      {j?.gap && <p className="urgent">{t('fleet.journal.gap', { from: j.gap.from, to: j.gap.to })}</p>}
      {j && j.brokenSeq !== null && <p className="urgent">{t('fleet.journal.broken', { seq: j.brokenSeq })}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('fleet.journal.seq')}</th>
            <th scope="col">{t('fleet.journal.at')}</th>
            <th scope="col">{t('fleet.journal.kind')}</th>
            <th scope="col">{t('fleet.journal.session')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.entries.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{when(e.at, lang)}</td>
              <td className="mono">{e.kind}</td>
              <td className="mono">{e.sessionId ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" disabled={before === null} onClick={() => setBefore(null)}>
          {t('fleet.journal.newest')}
        </button>
        <button type="button" disabled={!page?.nextBefore} onClick={() => setBefore(page?.nextBefore ?? null)}>
          {t('fleet.journal.older')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('fleet.journal.close')}
        </button>
      </div>
    </section>
  );
}

function romeToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

function Totals() {
  const { t, money } = useI18n();
  const [day, setDay] = useState(romeToday);
  const [totals, setTotals] = useState<PaymentTotals | null>(null);
  useEffect(() => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) getJson<PaymentTotals>(`/api/totals?day=${day}`).then(setTotals, () => setTotals(null));
  }, [day]);
  const table = (rows: { key: string; payments: number; cents: number }[], head: string) => (
    <table>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">{t('fleet.totals.payments')}</th>
          <th scope="col">{t('fleet.totals.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td className="mono">{r.key}</td>
            <td>{r.payments}</td>
            <td>{money(r.cents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section aria-labelledby="totals-h">
      <h2 id="totals-h">{t('fleet.totals.heading')}</h2>
      <label>
        <span>{t('fleet.totals.day')}</span>
        <input type="date" value={day} onChange={(e) => setDay(e.target.value)} />
      </label>
      {totals && totals.byCreditor.length === 0 && <p>{t('fleet.totals.none')}</p>}
      {totals && totals.byCreditor.length > 0 && (
        <div className="row">
          <div>
            <h3>{t('fleet.totals.byCreditor')}</h3>
            {table(
              totals.byCreditor.map((r) => ({ key: r.fiscalCode, payments: r.payments, cents: r.cents })),
              t('fleet.totals.creditor'),
            )}
          </div>
          <div>
            <h3>{t('fleet.totals.byTerminal')}</h3>
            {table(
              totals.byTerminal.map((r) => ({ key: r.terminal, payments: r.payments, cents: r.cents })),
              t('fleet.totals.terminal'),
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function Export() {
  const { t } = useI18n();
  const [from, setFrom] = useState(romeToday);
  const [to, setTo] = useState(romeToday);
  const [creditor, setCreditor] = useState('');
  const href = `/api/export.csv?${new URLSearchParams({ from, to, ...(creditor ? { creditor } : {}) }).toString()}`;
  return (
    <section aria-labelledby="export-h">
      <h2 id="export-h">{t('fleet.export.heading')}</h2>
      <div className="row">
        <label>
          <span>{t('fleet.export.from')}</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          <span>{t('fleet.export.to')}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          <span>{t('fleet.export.creditor')}</span>
          <input value={creditor} onChange={(e) => setCreditor(e.target.value.trim())} />
        </label>
        <a href={href} download>
          {t('fleet.export.download')}
        </a>
      </div>
    </section>
  );
}

type FeeKind = 'keep' | 'none' | 'flat' | 'per-notice';

function ConfigEditor() {
  const { t } = useI18n();
  const [kind, setKind] = useState<'all' | 'group' | 'terminal'>('all');
  const [name, setName] = useState('');
  const [fee, setFee] = useState<FeeKind>('keep');
  const [feeCents, setFeeCents] = useState('0');
  const [idle, setIdle] = useState('');
  const [warning, setWarning] = useState('');
  const [abandon, setAbandon] = useState('');
  const [services, setServices] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const target = kind === 'all' ? { kind } : kind === 'group' ? { kind, group: name } : { kind, terminal: name };
    const settings: Record<string, unknown> = {};
    if (fee === 'none') settings.fees = { kind: 'none' };
    if (fee === 'flat' || fee === 'per-notice') settings.fees = { kind: fee, cents: Number(feeCents) };
    const kiosk = {
      ...(idle ? { idleSeconds: Number(idle) } : {}),
      ...(warning ? { warningSeconds: Number(warning) } : {}),
      ...(abandon ? { abandonSeconds: Number(abandon) } : {}),
    };
    if (Object.keys(kiosk).length > 0) settings.kiosk = kiosk;
    if (services.trim())
      settings.services = services
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    if (endpoint.trim()) settings.nodeEndpoint = endpoint.trim();
    postJson<ConfigPublished>('/api/config', { target, settings }).then(
      (r) => setResult({ ok: true, text: t('fleet.config.published', { version: r.version, topic: r.topic }) }),
      (err: unknown) => setResult({ ok: false, text: t('fleet.config.refused', { message: (err as Error).message }) }),
    );
  };
  return (
    <section aria-labelledby="config-h">
      <h2 id="config-h">{t('fleet.config.heading')}</h2>
      <form onSubmit={submit} className="row">
        <label>
          <span>{t('fleet.config.target')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="all">{t('fleet.config.all')}</option>
            <option value="group">{t('fleet.config.group')}</option>
            <option value="terminal">{t('fleet.config.terminal')}</option>
          </select>
        </label>
        {kind !== 'all' && (
          <label>
            <span>{t('fleet.config.targetName')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
        )}
        <label>
          <span>{t('fleet.config.fees')}</span>
          <select value={fee} onChange={(e) => setFee(e.target.value as FeeKind)}>
            <option value="keep">—</option>
            <option value="none">{t('fleet.config.feeNone')}</option>
            <option value="flat">{t('fleet.config.feeFlat')}</option>
            <option value="per-notice">{t('fleet.config.feePerNotice')}</option>
          </select>
        </label>
        {(fee === 'flat' || fee === 'per-notice') && (
          <label>
            <span>{t('fleet.config.feeCents')}</span>
            <input inputMode="numeric" pattern="\d+" value={feeCents} onChange={(e) => setFeeCents(e.target.value)} />
          </label>
        )}
        <label>
          <span>{t('fleet.config.idle')}</span>
          <input inputMode="numeric" pattern="\d*" value={idle} onChange={(e) => setIdle(e.target.value)} />
        </label>
        <label>
          <span>{t('fleet.config.warning')}</span>
          <input inputMode="numeric" pattern="\d*" value={warning} onChange={(e) => setWarning(e.target.value)} />
        </label>
        <label>
          <span>{t('fleet.config.abandon')}</span>
          <input inputMode="numeric" pattern="\d*" value={abandon} onChange={(e) => setAbandon(e.target.value)} />
        </label>
        <label>
          <span>{t('fleet.config.services')}</span>
          <input value={services} onChange={(e) => setServices(e.target.value)} />
        </label>
        <label>
          <span>{t('fleet.config.endpoint')}</span>
          <input type="url" value={endpoint} onChange={(e) => setEndpoint(e.target.value)} />
        </label>
        <button type="submit">{t('fleet.config.publish')}</button>
      </form>
      {result && (
        <p role="status" className={result.ok ? '' : 'error'}>
          {result.text}
        </p>
      )}
    </section>
  );
}
