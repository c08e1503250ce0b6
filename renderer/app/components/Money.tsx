/** An amount of integer cents as the language writes it (`€ 1.234,56` in Italian). Display only. */
import { useI18n } from '../i18n/I18nProvider';

export function Money(props: { cents: number; className?: string }) {
  const { money } = useI18n();
  return <span className={`money ${props.className ?? ''}`.trim()}>{money(props.cents)}</span>;
}
