// STUB by UI-A so the app shell builds: UI-C replaces this folder's contents with the technician
// screens. Contract: export `TechnicianApp` (no props); the shell gives it the header and the
// staff status bar; hooks give the client, the terminal, the language, shortcuts and scans.
import { useI18n } from '../app/i18n/I18nProvider';

export function TechnicianApp() {
  const { t } = useI18n();
  return <p className="hint">{t('app:stub.notReady')}</p>;
}
