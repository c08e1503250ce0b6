// System packages the tests need. When one is missing and we run as root with apt-get,
// install it; otherwise fail with a one-line instruction. The one list: test/run.mjs imports it,
// .ci/run runs this file (`node test/support/system-deps.mjs`). XSD validation needs no command:
// it runs in process (sim/xsd.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** command on PATH -> Debian package that provides it */
export const SYSTEM_DEPS = [
  { command: 'socat', pkg: 'socat', why: 'real serial pty pairs for scanner and printer tests' },
  { command: 'chromium', pkg: 'chromium', why: 'end-to-end tests in a real browser' },
  { command: 'udevadm', pkg: 'udev', why: "serialport's port listing" },
  { command: 'faketime', pkg: 'faketime', why: 'a terminal started with its wall clock far behind (libfaketime)' },
  { command: 'mosquitto', pkg: 'mosquitto', why: "the fleet's MQTT broker (started by the tests on a free port)" },
  { command: 'postgres', pkg: 'postgresql', why: "the fleet's back office database (started by the tests in a temporary folder)" },
];
/** shared libraries, checked with ldconfig */
export const SYSTEM_LIBS = [{ lib: 'libusb-1.0.so.0', pkg: 'libusb-1.0-0', why: 'node-hid' }];

// Servers live outside a user's PATH on Debian: mosquitto in /usr/sbin, postgres under
// /usr/lib/postgresql/<version>/bin (test/support/mosquitto.ts and postgres.ts look there too).
const has = (cmd) =>
  spawnSync('sh', ['-c', `command -v ${cmd} || ls /usr/sbin/${cmd} /usr/lib/postgresql/*/bin/${cmd}`], { stdio: 'ignore' }).status === 0;
const hasLib = (lib) => {
  const r = spawnSync('sh', ['-c', `ldconfig -p | grep -q ${lib}`], { stdio: 'ignore' });
  return r.status === 0;
};

export function missingPackages() {
  const missing = SYSTEM_DEPS.filter((d) => !has(d.command)).map((d) => d.pkg);
  for (const l of SYSTEM_LIBS) if (!hasLib(l.lib)) missing.push(l.pkg);
  return [...new Set(missing)];
}

export function ensureSystemDeps() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    console.error(`sportello tests need system packages: run  sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`installing system packages for the tests: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const still = missingPackages();
  if (still.length) {
    console.error(`could not install: ${still.join(' ')}; run  sudo apt-get install -y ${still.join(' ')}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) ensureSystemDeps();
