/**
 * The counter: the operator signs in (code and PIN, checked by the core), opens a shift with its
 * float (or resumes their open one), takes payments, and closes the shift with the counted cash. A
 * shift another operator left open must be closed (by a supervisor) before a new one starts (one
 * open shift per terminal, one drawer). Every screen after sign-in gets a client that presents the
 * operator's token with each call; sign-out ends it in the core.
 */
import { useMemo, useRef, useState } from 'react';
import type { ShiftReport, ShiftView } from '../../main/contract/shift-schemas';
import type { ContractClient } from '../../main/contract/client';
import type { ContractError } from '../../main/contract/result';
import { ClientProvider, useClient, useSystemInfo } from '../app/ClientProvider';
import { withCredential } from '../app/client';
import { ActionBar } from '../app/components/ActionBar';
import { Message } from '../app/components/Message';
import { formatTime } from '../app/i18n/format';
import { useI18n } from '../app/i18n/I18nProvider';
import { describeError } from '../app/messages';
import { useOutcomeAlertHost } from '../app/StatusBar';
import type { OutcomeAlertHost } from '../app/StatusBar';
import { HistoryLauncher, HistoryScreen } from './history/HistoryScreen';
import { dismissedSessions } from './payment/dismissed';
import { PaymentScreen } from './payment/PaymentScreen';
import { ShiftClose } from './shift/ShiftClose';
import { ShiftMenu } from './shift/ShiftMenu';
import { ShiftOpen } from './shift/ShiftOpen';
import { SignIn } from './shift/SignIn';
import { ZReport } from './shift/ZReport';

type Stage =
  | { kind: 'sign-in' }
  | { kind: 'open'; operator: string }
  | { kind: 'foreign'; operator: string; shift: ShiftView }
  | { kind: 'pay'; operator: string; shift: ShiftView }
  | { kind: 'menu'; operator: string; shift: ShiftView }
  | { kind: 'close'; operator: string; shift: ShiftView }
  | { kind: 'history'; operator: string; shift: ShiftView; open: string | null; from: 'pay' | 'menu' }
  | { kind: 'z'; report: ShiftReport };

export function CounterApp() {
  const base = useClient();
  const info = useSystemInfo();
  const { t, has, lang } = useI18n();
  const [stage, setStage] = useState<Stage>({ kind: 'sign-in' });
  const [error, setError] = useState<ContractError | null>(null);
  const [auth, setAuth] = useState<string | null>(null);
  const client = useMemo<ContractClient>(() => {
    if (!auth) return base;
    const signed = withCredential(base, auth);
    return {
      // The core no longer knows the token (idle too long, account disabled, restart): back to sign-in.
      call: async (name, request, options) => {
        const r = await signed.call(name, request, options);
        if (
          !r.ok &&
          !options?.auth &&
          r.error.code === 'ROLE_REQUIRED' &&
          (r.error.details?.roles as string[] | undefined)?.includes('operator')
        ) {
          setAuth(null);
          setStage({ kind: 'sign-in' });
          setError(r.error);
        }
        return r;
      },
      on: signed.on,
    };
  }, [base, auth]);

  const signIn = async (operator: string, token: string) => {
    setError(null);
    setAuth(token);
    const r = await base.call('shift.current', {}, { auth: token });
    if (!r.ok) return setError(r.error);
    const shift = r.value.shift;
    if (!shift) setStage({ kind: 'open', operator });
    else if (shift.operatorId === operator) setStage({ kind: 'pay', operator, shift });
    else setStage({ kind: 'foreign', operator, shift });
  };
  const signOut = () => {
    if (auth) void base.call('operator.logout', {}, { auth });
    setAuth(null);
    setStage({ kind: 'sign-in' });
  };

  // The status bar's alert for an outcome settled after the customer left opens the payment here.
  const stageRef = useRef(stage);
  stageRef.current = stage;
  const alertHost = useMemo<OutcomeAlertHost>(
    () => ({
      open: (id) => {
        const s = stageRef.current;
        if (s.kind === 'pay' || s.kind === 'menu' || s.kind === 'history')
          setStage({ kind: 'history', operator: s.operator, shift: s.shift, open: id, from: s.kind === 'history' ? s.from : s.kind });
      },
      customerLeft: (id) => stageRef.current.kind !== 'pay' || dismissedSessions().has(id),
    }),
    [],
  );
  useOutcomeAlertHost(auth ? alertHost : null);
  const openHistory = (s: Stage) => {
    if (s.kind === 'pay' || s.kind === 'menu')
      setStage({ kind: 'history', operator: s.operator, shift: s.shift, open: null, from: s.kind });
  };

  const who = 'operator' in stage ? stage.operator : null;
  const shift = 'shift' in stage ? stage.shift : null;
  return (
    <ClientProvider client={client} info={info}>
      <div className="counter" data-stage={stage.kind}>
        {who && (
          <div className="operator-bar" data-testid="operator-bar">
            <span>{t('shift:bar.operator', { operator: who })}</span>
            {shift && shift.operatorId === who && <span>{t('shift:bar.shift', { time: formatTime(shift.openedAt, lang) })}</span>}
            {(stage.kind === 'pay' || stage.kind === 'menu') && <HistoryLauncher onOpen={() => openHistory(stage)} />}
          </div>
        )}
        {error && <Message tone="error">{describeError(error, t, has)}</Message>}
        {stage.kind === 'sign-in' && <SignIn onSignIn={(op, token) => void signIn(op, token)} />}
        {stage.kind === 'open' && (
          <ShiftOpen
            operatorId={stage.operator}
            onOpened={(s) => setStage({ kind: 'pay', operator: stage.operator, shift: s })}
            onSignOut={signOut}
          />
        )}
        {stage.kind === 'foreign' && (
          <section className="step" aria-labelledby="foreign-title">
            <h1 id="foreign-title">{t('shift:foreign.title')}</h1>
            <Message tone="warning">
              {t('shift:foreign.text', { operator: stage.shift.operatorId, time: formatTime(stage.shift.openedAt, lang) })}
            </Message>
            <ActionBar
              primary="close"
              actions={[
                {
                  id: 'close',
                  key: 'F9',
                  label: t('shift:foreign.close'),
                  run: () => setStage({ kind: 'close', operator: stage.operator, shift: stage.shift }),
                },
                { id: 'back', key: 'Escape', label: t('shift:signOut'), run: signOut },
              ]}
            />
          </section>
        )}
        {stage.kind === 'pay' && <PaymentScreen operatorId={stage.operator} onShiftMenu={() => setStage({ ...stage, kind: 'menu' })} />}
        {stage.kind === 'history' && (
          <HistoryScreen
            key={stage.open ?? ''}
            open={stage.open}
            onBack={() => setStage({ kind: stage.from, operator: stage.operator, shift: stage.shift })}
          />
        )}
        {stage.kind === 'menu' && (
          <ShiftMenu
            shift={stage.shift}
            onBack={() => setStage({ ...stage, kind: 'pay' })}
            onClose={() => setStage({ ...stage, kind: 'close' })}
            onSignOut={signOut}
          />
        )}
        {stage.kind === 'close' && (
          <ShiftClose
            shift={stage.shift}
            onClosed={(z) => setStage({ kind: 'z', report: z })}
            onBack={() =>
              setStage(
                stage.shift.operatorId === stage.operator
                  ? { ...stage, kind: 'menu' }
                  : { kind: 'foreign', operator: stage.operator, shift: stage.shift },
              )
            }
          />
        )}
        {stage.kind === 'z' && <ZReport report={stage.report} onDone={signOut} />}
      </div>
    </ClientProvider>
  );
}
