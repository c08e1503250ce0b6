/**
 * A counter card payment through this terminal's card terminal (configured by a technician): the
 * core asks the terminal for what it quotes (counter.payByCard) while the operator sees "present the
 * card on the terminal" and may cancel (counter.cancelCard: the terminal's AbortRequest, honoured
 * until the card is read). An approval becomes the tender in the core, with the terminal's details
 * journaled for the certificate; the session's update moves the screen on. Anything else is told in
 * the operator's words, with another try or the way back to the other means.
 */
import { useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { Dialog } from '../../app/components/Dialog';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import type { Action } from '../../app/shortcuts';

type CardPayment = ResponseOf<'counter.payByCard'>;
type Phase = { kind: 'asking' } | { kind: 'answered'; answer: CardPayment } | { kind: 'failed'; text: string };

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
      setPhase({ kind: 'answered', answer: r.value });
    });
  }, [attempt]);

  const cancel = async () => {
    setCancelling(true);
    await client.call('counter.cancelCard', { sessionId: props.sessionId });
  };

  const actions: Action[] =
    phase.kind === 'asking'
      ? [{ id: 'abort', key: 'Escape', label: t('tender:counter.cancel'), run: () => void cancel(), disabled: cancelling }]
      : [
          ...(phase.kind === 'answered' && phase.answer.result !== 'unknown'
            ? [{ id: 'again', key: 'Enter', label: t('tender:counter.again'), run: () => setAttempt((a) => a + 1) }]
            : []),
          { id: 'back', key: 'Escape', label: t('tender:counter.back'), run: props.onClose },
        ];

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
