/**
 * Technician mode: locked until the PIN (checked by the core), then one section at a time, each
 * with its key: devices, settings, the outbox, the journal, diagnostics, versions. Lock ends the
 * token; a token the core no longer accepts brings the lock screen back.
 */
import { useCallback, useState } from 'react';
import { ActionBar } from '../app/components/ActionBar';
import { Message } from '../app/components/Message';
import { useI18n } from '../app/i18n/I18nProvider';
import { AccessProvider, useAccess } from './access';
import { ChangePinDialog } from './ChangePinDialog';
import { LockScreen } from './LockScreen';
import { DevicesSection } from './sections/Devices';
import { DiagnosticsSection, VersionsSection } from './sections/Diagnostics';
import { JournalSection } from './sections/Journal';
import { OperatorsSection } from './sections/Operators';
import { OutboxSection } from './sections/Outbox';
import { PrinterSection } from './sections/Printer';
import { SettingsSection } from './sections/Settings';
import { FleetSection } from './sections/Fleet';
import './technician.css';

export const SECTIONS = ['devices', 'settings', 'outbox', 'journal', 'diagnostics', 'versions', 'operators', 'fleet'] as const;
export type Section = (typeof SECTIONS)[number];

export function TechnicianApp() {
  const [session, setSession] = useState<{ auth: string; defaultPin: boolean; mustChangePin: boolean } | null>(null);
  const locked = useCallback(() => setSession(null), []);
  if (!session) return <LockScreen onUnlocked={(auth, defaultPin, mustChangePin) => setSession({ auth, defaultPin, mustChangePin })} />;
  return (
    <AccessProvider auth={session.auth} onLocked={locked}>
      {session.mustChangePin ? (
        <MustChangePin onChanged={() => setSession({ ...session, defaultPin: false, mustChangePin: false })} />
      ) : (
        <Workbench defaultPin={session.defaultPin} onPinChanged={() => setSession({ ...session, defaultPin: false })} />
      )}
    </AccessProvider>
  );
}

/** A configured terminal opened with the default PIN: the new PIN first, nothing else (the core refuses the rest). */
function MustChangePin(props: { onChanged: () => void }) {
  const { t } = useI18n();
  const access = useAccess();
  return (
    <section className="step technician-lock" data-testid="technician-must-change-pin">
      <Message tone="warning" testId="must-change-pin">
        {t('technician:pin.mustChange')}
      </Message>
      <ChangePinDialog onClose={(changed) => (changed ? props.onChanged() : access.lock())} />
    </section>
  );
}

function Workbench(props: { defaultPin: boolean; onPinChanged: () => void }) {
  const { t } = useI18n();
  const access = useAccess();
  const [section, setSection] = useState<Section>('devices');
  const [changingPin, setChangingPin] = useState(false);
  const actions = [
    ...SECTIONS.map((s, i) => ({ id: `section-${s}`, key: `Alt+${i + 1}`, label: t(`technician:section.${s}`), run: () => setSection(s) })),
    { id: 'change-pin', key: 'Alt+P', label: t('technician:pin.change'), run: () => setChangingPin(true) },
    { id: 'lock', key: 'Alt+Q', label: t('technician:lock.lockNow'), run: access.lock },
  ];
  return (
    <div className="technician" data-section={section}>
      <nav aria-label={t('technician:section.nav')} className="technician-nav">
        <ActionBar actions={actions} primary={`section-${section}`} label={t('technician:section.nav')} />
      </nav>
      {props.defaultPin && (
        <Message tone="warning" testId="default-pin">
          {t('technician:pin.defaultInUse')}
        </Message>
      )}
      <section className="step technician-section" aria-labelledby="technician-section-title" data-testid={`technician-${section}`}>
        <h1 id="technician-section-title">{t(`technician:section.${section}`)}</h1>
        {section === 'devices' && (
          <>
            <DevicesSection />
            <PrinterSection />
          </>
        )}
        {section === 'settings' && <SettingsSection />}
        {section === 'outbox' && <OutboxSection />}
        {section === 'journal' && <JournalSection />}
        {section === 'diagnostics' && <DiagnosticsSection />}
        {section === 'versions' && <VersionsSection />}
        {section === 'operators' && <OperatorsSection />}
        {section === 'fleet' && <FleetSection />}
      </section>
      {changingPin && (
        <ChangePinDialog
          onClose={(changed) => {
            setChangingPin(false);
            if (changed) props.onPinChanged();
          }}
        />
      )}
    </div>
  );
}
