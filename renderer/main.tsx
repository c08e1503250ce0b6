// The renderer's entry: read how the page was launched, connect to the core, learn the terminal's
// identity, then render the app in its mode.
import { createRoot } from 'react-dom/client';
import { App, BootFailure, modeFor } from './app/App';
import { connect } from './app/client';
import { readLaunch } from './app/launch';
import './app/styles.css';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const launch = readLaunch(window.location);
  const connection = connect(window, launch);
  const info = await connection.client.call('system.info', {});
  if (!info.ok) {
    root.render(<BootFailure code={info.error.code} message={info.error.message} />);
    return;
  }
  root.render(<App connection={connection} info={info.value} mode={modeFor(launch.mode, info.value)} />);
}

void boot();
