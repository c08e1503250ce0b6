/**
 * Kiosk mode, for citizens: one step per screen (language → notice → details → total → card →
 * confirmation → receipt → start again), large touch targets, every step announced, and the
 * inactivity warning that brings the kiosk back to the start (cancelling what was left unpaid).
 * Nothing of the operator's or the technician's is reachable from here: no shortcuts, no status bar.
 */
import { useEffect, useState } from 'react';
import { useClient } from '../app/ClientProvider';
import { IdleWarning } from './IdleWarning';
import { BusyScreen, ConfirmingScreen, ProblemScreen, ReceiptScreen } from './screens/End';
import { CardCheckingScreen, CardProblemScreen, CardScreen, DetailsScreen, TotalScreen } from './screens/Payment';
import { LanguageScreen, ScanScreen, TypeScreen } from './screens/Start';
import { ServiceFormScreen, ServicesScreen } from './screens/Service';
import { LanguageSwitch } from './LanguageSwitch';
import { BUSY_STEPS, receiptWayOf } from './steps';
import type { KioskSettings, ReceiptWay } from './steps';
import { useIdle } from './useIdle';
import { useKioskFlow } from './useKioskFlow';
import { missingCase } from './missing-case';
import './kiosk.css';

/** Until the core answers: the production defaults (the core checks the printer again before a card is asked). */
const FALLBACK: KioskSettings = {
  idleSeconds: 60,
  warningSeconds: 30,
  cardTerminal: 'ready',
  demo: false,
  printer: 'ready',
  printerReason: null,
  withoutPrinter: 'out-of-service',
};

export function KioskApp() {
  const client = useClient();
  const [settings, setSettings] = useState<KioskSettings>(FALLBACK);
  /** Whether the technician enabled any service for spontaneous payments (the scan screen's second way). */
  const [services, setServices] = useState(false);
  // A card still being checked when the inactivity reset would fire sends the citizen to staff instead.
  const flow = useKioskFlow({ checkStuckMs: (settings.idleSeconds + Math.max(20, settings.warningSeconds)) * 1000 });
  const { step } = flow;
  const way = receiptWayOf(settings);

  const atStart = step.kind === 'language';
  // Read again at every new start, so a technician's change applies without a reload.
  useEffect(() => {
    if (atStart) void client.call('kiosk.settings', {}).then((r) => r.ok && setSettings(r.value));
    if (atStart) void client.call('kiosk.services', {}).then((r) => setServices(r.ok && r.value.entries.length > 0));
  }, [client, atStart]);

  const idle = useIdle({
    idleSeconds: settings.idleSeconds,
    warningSeconds: Math.max(20, settings.warningSeconds),
    enabled: !BUSY_STEPS.has(step.kind),
    onTimeout: () => void flow.reset(),
    restartKey: step,
  });

  return (
    <div className="kiosk" data-step={step.kind} data-readings={flow.readings} data-receipt={way}>
      {!atStart && <LanguageSwitch onChoose={flow.switchLanguage} />}
      <KioskStep flow={flow} way={way} services={services} />
      {idle.secondsLeft !== null && <IdleWarning secondsLeft={idle.secondsLeft} onExtend={idle.extend} />}
    </div>
  );
}

function KioskStep({ flow, way, services }: { flow: ReturnType<typeof useKioskFlow>; way: ReceiptWay; services: boolean }) {
  const { step } = flow;
  const restart = () => void flow.reset();
  const cancel = () => void flow.cancelPayment();
  switch (step.kind) {
    case 'language':
      return <LanguageScreen way={way} onChoose={flow.chooseLanguage} onScan={(text) => void flow.addNotice({ text })} />;
    case 'scan': {
      const adding = step.adding;
      return (
        <ScanScreen
          problem={step.problem}
          onScan={(text) => void flow.addNotice({ text })}
          onType={() => flow.setStep({ kind: 'type-notice', digits: '' })}
          onServices={services && !adding ? () => void flow.openServices() : undefined}
          onBack={adding ? () => flow.setStep({ kind: 'details', session: adding }) : restart}
        />
      );
    }
    case 'type-notice':
      return (
        <TypeScreen
          what="notice"
          digits={step.digits}
          onDigits={(digits) => flow.setStep({ kind: 'type-notice', digits })}
          onNext={() => flow.setStep({ kind: 'type-creditor', noticeNumber: step.digits, digits: '' })}
          onBack={flow.backToScan}
        />
      );
    case 'type-creditor':
      return (
        <TypeScreen
          what="creditor"
          digits={step.digits}
          onDigits={(digits) => flow.setStep({ ...step, digits })}
          onNext={() => void flow.addNotice({ manual: { fiscalCode: step.digits, noticeNumber: step.noticeNumber } })}
          onBack={() => flow.setStep({ kind: 'type-notice', digits: step.noticeNumber })}
        />
      );
    case 'busy':
      return <BusyScreen what={step.what} />;
    case 'services':
      return (
        <ServicesScreen
          entries={step.entries}
          words={step.words}
          problem={step.problem}
          onWords={(words) => flow.setStep({ ...step, words })}
          onChoose={(entry) => void flow.chooseService(entry)}
          onBack={flow.backToScan}
        />
      );
    case 'service-form':
      return (
        <ServiceFormScreen
          key={step.entry.idSoggettoServizio}
          step={step}
          onValues={(values) => flow.setStep({ ...step, values })}
          onSubmit={() => void flow.submitService()}
          onBack={() => flow.setStep({ kind: 'services', entries: step.entries, words: '', problem: null })}
        />
      );
    case 'details':
      return (
        <DetailsScreen
          session={step.session}
          problem={step.problem ?? null}
          onAddAnother={flow.addAnother}
          onContinue={() => void flow.reserve()}
          onCancel={cancel}
        />
      );
    case 'total':
      return <TotalScreen quote={step.quote} qrReceipt={way === 'qr'} onPay={() => void flow.payByCard()} onCancel={cancel} />;
    case 'card':
      return <CardScreen quote={step.quote} onCancel={() => void flow.cancelCard()} />;
    case 'card-checking':
      return <CardCheckingScreen step={step} />;
    case 'card-problem':
      return <CardProblemScreen step={step} onRetry={() => void flow.payByCard()} onCancel={cancel} />;
    case 'confirming':
      return <ConfirmingScreen onWaitedEnough={() => void flow.receiptNow()} />;
    case 'receipt':
      return <ReceiptScreen session={step.session} card={step.card} paper={way === 'paper'} onDone={restart} />;
    case 'problem':
      return <ProblemScreen problem={step.problem} onDone={restart} />;
    default:
      return missingCase(step);
  }
}
