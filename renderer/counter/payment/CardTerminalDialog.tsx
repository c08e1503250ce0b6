/**
 * A counter card payment through this terminal's card terminal (configured by a technician): the
 * core asks the terminal for what it quotes (counter.payByCard) while the operator sees "present the
 * card on the terminal" and may cancel (counter.cancelCard: the terminal's AbortRequest, honoured
 * until the card is read). An approval becomes the tender in the core, with the terminal's details
 * journaled for the certificate; the session's update moves the screen on. Anything else is told in
 * the operator's words, with another try or the way back to the other means.
 *
 * A lost answer ('unknown': the terminal may have charged) is never a decline: the dialog says the
 * core is checking with the terminal, offers no second try, and follows the settlement
 * (kiosk.cardCheck, session.get) until it is known: tendered → closed (the session moves on), nothing
 * charged → another try, reversed or not reversed → said so. Past a minute and a half it gives the
 * payment's code for the journal and lets the operator leave the dialog (the core keeps the hold).
 */
import { useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { Dialog } from '../../app/components/Dialog';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import type { Action } from '../../app/shortcuts';
import { CARD_CHECK_POLL_MS, settlementOf, shortCode } from '../../kiosk/card-check';
import type { CardSettlement } from '../../kiosk/card-check';

type CardPayment = ResponseOf<'counter.payByCard'>;
type Phase =
  | { kind: 'asking' }
  | { kind: 'answered'; answer: CardPayment }
  | { kind: 'checking'; stuck: boolean }
  | { kind: 'settled'; settled: Exclude<CardSettlement, { kind: 'checking' | 'paid' }> }
  | { kind: 'failed'; text: string };

/** How long the dialog follows a card being checked before it gives the operator the payment's code. */
export const CHECK_STUCK_MS = 90_000;

export function CardTerminalDialog(props: { sessionId: string; dueCents: number; onClose: () => void }) {
  const { t, has, money } = useI18n();
  const client = useClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'asking' });
  const [attempt, setAttempt] = useState(0);
  const [cancelling, setCancelling] = useState(false);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  useEffect(() => {
    setPhase({ kind: 'asking' });
    setCancelling(false);
    void client.call('counter.payByCard', { sessionId: props.sessionId }).then((r) => {
      if (!live.current) return;
      if (!r.ok) return setPhase({ kind: 'failed', text: describeError(r.error, t, has) });
      // Approved: the core tendered it; the session's update takes the screen to the outcome.
      if (r.value.result === 'approved') return props.onClose();
      if (r.value.result === 'unknown') return setPhase({ kind: 'checking', stuck: false });
      setPhase({ kind: 'answered', answer: r.value });
    });
  }, [attempt]);

  // A card being checked: follow the core's settlement until it is known.
  const checking = phase.kind === 'checking';
  useEffect(() => {
    if (!checking) return;
    let stop = false;
    const stuck = window.setTimeout(() => {
      if (!stop) setPhase((p) => (p.kind === 'checking' ? { kind: 'checking', stuck: true } : p));
    }, CHECK_STUCK_MS);
    const follow = async () => {
      while (!stop) {
        const [check, now] = await Promise.all([
          client.call('kiosk.cardCheck', { sessionId: props.sessionId }),
          client.call('session.get', { sessionId: props.sessionId }),
        ]);
        if (stop || !live.current) return;
        if (check.ok && now.ok) {
          const settled = settlementOf(check.value, now.value);
          // Tendered by the core's sweep: the session's update takes the screen to the outcome.
          if (settled.kind === 'paid') return props.onClose();
          if (settled.kind !== 'checking') return setPhase({ kind: 'settled', settled });
        }
        await new Promise((res) => window.setTimeout(res, CARD_CHECK_POLL_MS));
      }
    };
    void follow();
    return () => {
      stop = true;
      window.clearTimeout(stuck);
    };
  }, [checking]);

  const cancel = async () => {
    setCancelling(true);
    await client.call('counter.cancelCard', { sessionId: props.sessionId });
  };

  const back: Action = { id: 'back', key: 'Escape', label: t('tender:counter.back'), run: props.onClose };
  const again: Action = { id: 'again', key: 'Enter', label: t('tender:counter.again'), run: () => setAttempt((a) => a + 1) };
  const mayTryAgain =
    (phase.kind === 'answered' && phase.answer.result !== 'unknown') ||
    (phase.kind === 'settled' && phase.settled.kind === 'no-charge' && phase.settled.retry);
  const actions: Action[] =
    phase.kind === 'asking'
      ? [{ id: 'abort', key: 'Escape', label: t('tender:counter.cancel'), run: () => void cancel(), disabled: cancelling }]
      : phase.kind === 'checking'
        ? // No second charge while the terminal may have charged; leaving is offered once it takes long.
          phase.stuck
          ? [back]
          : []
        : [...(mayTryAgain ? [again] : []), back];

  return (
    <Dialog title={t('tender:counter.title')} actions={actions} primary={phase.kind === 'asking' ? 'abort' : 'again'}>
      {phase.kind === 'asking' && (
        <p data-testid="card-present" role="status">
          {t(cancelling ? 'tender:counter.cancelling' : 'tender:counter.present', { due: money(props.dueCents) })}
        </p>
      )}
      {phase.kind === 'answered' && (
        <Message tone="warning" testId="card-answer">
          {answerText(phase.answer, t, has)}
        </Message>
      )}
      {phase.kind === 'checking' && (
        <Message tone="warning" testId="card-checking">
          {t('tender:counter.checking')}
        </Message>
      )}
      {phase.kind === 'checking' && (
        <p role="status" data-testid={phase.stuck ? 'card-checking-stuck' : 'card-checking-wait'}>
          {phase.stuck ? t('tender:counter.checkingStaff', { code: shortCode(props.sessionId) }) : t('tender:counter.waiting')}
        </p>
      )}
      {phase.kind === 'settled' && (
        <Message tone={phase.settled.kind === 'no-charge' ? 'info' : 'warning'} testId="card-settled">
          {t(SETTLED_WORDS[phase.settled.kind])}
        </Message>
      )}
      {phase.kind === 'failed' && (
        <Message tone="error" testId="card-answer">
          {phase.text}
        </Message>
      )}
    </Dialog>
  );
}

/** The terminal's answer in the operator's words: the result, and the reason when there is one. */
function answerText(a: CardPayment, t: (k: string) => string, has: (k: string) => boolean): string {
  const title = t(`tender:counter.result.${a.result}`);
  const reasonKey =
    a.result === 'declined' ? `tender:decline.${a.reason}` : a.result === 'unavailable' ? `tender:unavailable.${a.reason}` : '';
  return reasonKey && has(reasonKey) ? `${title} ${t(reasonKey)}` : title;
}

/** A settled lost answer in the operator's words. */
const SETTLED_WORDS: Readonly<Record<Exclude<CardSettlement['kind'], 'checking' | 'paid'>, string>> = {
  'no-charge': 'tender:counter.noCharge',
  reversed: 'tender:counter.result.reversed',
  'not-reversed': 'tender:counter.notReversed',
};
