/**
 * The app shell: the terminal's identity and mode, the providers every screen relies on (client,
 * language, shortcuts, scanner), the header and, on staff screens, the status bar. The mode comes
 * from the launch URL or, without one, from the terminal's configured kind; each mode is one
 * component from its folder (renderer/counter, renderer/kiosk, renderer/technician).
 */
import { useEffect, useState } from 'react';
import type { SystemInfo } from '../../main/contract/calls';
import { CounterApp } from '../counter';
import { KioskApp } from '../kiosk';
import { TechnicianApp } from '../technician';
import { ClientProvider } from './ClientProvider';
import type { Connection } from './client';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import type { AppMode } from './launch';
import { ScanProvider } from './scanner';
import { ShortcutProvider, useShortcuts } from './shortcuts';
import { StatusBar } from './StatusBar';

export function modeFor(launchMode: AppMode | null, info: SystemInfo): AppMode {
  return launchMode ?? info.terminal.kind;
}

export function App(props: { connection: Connection; info: SystemInfo; mode: AppMode }) {
  const { mode, info } = props;
  const [lost, setLost] = useState(false);
  useEffect(() => props.connection.onLost(() => setLost(true)), [props.connection]);
  return (
    <ClientProvider client={props.connection.client} info={info}>
      <I18nProvider initial={info.terminal.locale} remember={mode === 'kiosk' ? null : `sportello.lang.${mode}`}>
        <ShortcutProvider>
          <ScanProvider>
            <div className={`app app-${mode}`} data-mode={mode}>
              {mode === 'kiosk' ? <KioskShell info={info} /> : <StaffShell info={info} mode={mode} />}
              {lost && <ConnectionLost />}
            </div>
          </ScanProvider>
        </ShortcutProvider>
      </I18nProvider>
    </ClientProvider>
  );
}

function StaffShell(props: { info: SystemInfo; mode: 'counter' | 'technician' }) {
  const { t, lang, nextLang } = useI18n();
  useShortcuts([{ id: 'language', key: 'Alt+L', label: t('app:language.switch'), run: nextLang }]);
  return (
    <>
      <header className="app-header">
        <span className="brand">sportello</span>
        <span className="mode">{t(`app:mode.${props.mode}`)}</span>
        <span className="terminal">{t('app:header.terminal', { id: props.info.terminal.id })}</span>
        <button type="button" className="lang" onClick={nextLang} aria-keyshortcuts="Alt+L" title={t('app:language.switch')}>
          <kbd>Alt+L</kbd> {t(`app:language.name.${lang}`)}
        </button>
      </header>
      {props.info.mode === 'demo' && <DemoBanner />}
      <main className="app-main">{props.mode === 'counter' ? <CounterApp /> : <TechnicianApp />}</main>
      <StatusBar />
    </>
  );
}

function KioskShell(props: { info: SystemInfo }) {
  return (
    <>
      {props.info.mode === 'demo' && <DemoBanner />}
      <main className="app-main">
        <KioskApp />
      </main>
    </>
  );
}

/** With no configuration the core pays against its own simulator: every first screen says so. */
export function DemoBanner() {
  const { t } = useI18n();
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      {t('app:demo.banner')}
    </div>
  );
}

function ConnectionLost() {
  const { t } = useI18n();
  return (
    <div className="overlay" role="presentation">
      <div className="dialog danger" role="alertdialog" aria-modal="true" aria-labelledby="lost-title">
        <h2 id="lost-title">{t('app:connection.lostTitle')}</h2>
        <p>{t('app:connection.lost')}</p>
      </div>
    </div>
  );
}

/** Before system.info answered, or when it could not: words in the default language. */
export function BootFailure(props: { code: string; message: string }) {
  return (
    <I18nProvider initial="it">
      <BootFailureText {...props} />
    </I18nProvider>
  );
}

function BootFailureText(props: { code: string; message: string }) {
  const { t } = useI18n();
  return (
    <main className="boot-failure" role="alert">
      <h1>{t('app:boot.failedTitle')}</h1>
      <p>{t(props.code === 'TRANSPORT_CLOSED' ? 'app:boot.noConnection' : 'app:boot.failed', { code: props.code })}</p>
      <p className="technical">
        {props.code}: {props.message}
      </p>
    </main>
  );
}
