/**
 * A real MQTT broker for the fleet's tests: Debian's mosquitto started on a free loopback port with
 * its own configuration and persistence in a temporary folder (no system service involved). It can
 * be stopped and started again on the same port and folder: a broker outage mid-run, with the
 * persistent sessions (and the QoS 1 messages queued for them) kept on disk across the restart.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, chmodSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function mosquittoPath(): string | null {
  for (const p of ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto']) {
    if (spawnSync('test', ['-x', p]).status === 0) return p;
  }
  const r = spawnSync('sh', ['-c', 'command -v mosquitto'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, what: string, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({ host: '127.0.0.1', port });
      c.once('connect', () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on ${port}: ${log()}`);
}

export interface Broker {
  readonly url: string;
  /** With `tls`: mqtts:// on a second listener that requires a client certificate signed by the CA. */
  readonly tlsUrl: string | null;
  readonly port: number;
  readonly dir: string;
  /** Stops the broker (SIGTERM: it saves its persistence file first) and waits for it. */
  stop(): Promise<void>;
  /** SIGKILL: nothing saved since the last autosave. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

export interface BrokerOptions {
  /** a username/password pair the broker requires (else anonymous) */
  credentials?: { username: string; password: string };
  /**
   * A second listener over TLS (PEM files): the server's certificate and key, and the CA whose
   * client certificates it requires; the certificate's CN is the MQTT username.
   */
  tls?: { caFile: string; certFile: string; keyFile: string };
}

export async function startMosquitto(opts: BrokerOptions = {}): Promise<Broker> {
  const bin = mosquittoPath();
  if (!bin) throw new Error('mosquitto is not installed: apt-get install -y mosquitto (test/support/system-deps.mjs)');
  const dir = mkdtempSync(join(tmpdir(), 'sportello-mqtt-'));
  chmodSync(dir, 0o777); // mosquitto started as root drops to its own user and writes persistence here
  const port = await freePort();
  const lines = [
    `listener ${port} 127.0.0.1`,
    'persistence true',
    `persistence_location ${dir}/`,
    'autosave_interval 1',
    'max_queued_messages 0',
    'max_inflight_messages 100',
    `log_dest file ${dir}/mosquitto.log`,
    'log_type error',
    'log_type warning',
  ];
  if (opts.credentials) {
    const pw = join(dir, 'passwd');
    writeFileSync(pw, '');
    spawnSync('mosquitto_passwd', ['-b', pw, opts.credentials.username, opts.credentials.password]);
    chmodSync(pw, 0o644);
    lines.push('allow_anonymous false', `password_file ${pw}`);
  } else {
    lines.push('allow_anonymous true');
  }
  const tlsPort = opts.tls ? await freePort() : null;
  if (opts.tls && tlsPort) {
    lines.push(
      `listener ${tlsPort} 127.0.0.1`,
      `cafile ${opts.tls.caFile}`,
      `certfile ${opts.tls.certFile}`,
      `keyfile ${opts.tls.keyFile}`,
      'require_certificate true',
      'use_identity_as_username true',
      'tls_version tlsv1.2',
    );
  }
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, lines.join('\n') + '\n');
  let child: ChildProcess | null = null;
  let stderr = '';
  const start = async (): Promise<void> => {
    stderr = '';
    child = spawn(bin, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitForPort(port, child, 'mosquitto', () => stderr);
  };
  const stopWith = async (signal: NodeJS.Signals): Promise<void> => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill(signal);
    });
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    tlsUrl: tlsPort ? `mqtts://127.0.0.1:${tlsPort}` : null,
    port,
    dir,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
    start,
    close: async () => {
      await stopWith('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
