/**
 * A fault in the payment screen itself (a render that throws) must not leave the counter blank
 * until someone reloads: the operator is told the payment is safe in the core and takes it up
 * again with one key, which mounts the screen afresh (it then resumes the open session).
 */
import { Component, Fragment } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';

interface State {
  failed: string | null;
  generation: number;
}

export class PaymentBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: null, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { failed: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('counter: the payment screen failed', error, info.componentStack);
  }

  private readonly resume = () => this.setState((s) => ({ failed: null, generation: s.generation + 1 }));

  override render(): ReactNode {
    if (this.state.failed !== null) return <ScreenFailed onResume={this.resume} />;
    return <Fragment key={this.state.generation}>{this.props.children}</Fragment>;
  }
}

function ScreenFailed(props: { onResume: () => void }) {
  const { t } = useI18n();
  return (
    <section className="step" aria-labelledby="screen-failed-title" data-testid="payment-screen-failed">
      <h1 id="screen-failed-title">{t('counter:recover.title')}</h1>
      <Message tone="error">{t('counter:recover.text')}</Message>
      <ActionBar
        actions={[{ id: 'resume', key: 'Enter', label: t('counter:recover.resume'), run: props.onResume }]}
        primary="resume"
        label={t('counter:actions')}
      />
    </section>
  );
}
