// The back office's dashboard page (fleet.html): login, then the fleet. Italian by default.
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../app/i18n/I18nProvider';
import { FleetApp } from './FleetApp';
import './fleet.css';

createRoot(document.getElementById('root')!).render(
  <I18nProvider initial="it" remember="sportello.fleet.lang">
    <FleetApp />
  </I18nProvider>,
);
