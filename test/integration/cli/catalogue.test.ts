// `sportello catalogue` (issue 15): status and services, search as the operator would type it, a
// refresh; in process on a demo terminal (its own simulator), and through a running terminal's API.
// Real child processes, real HTTP to the simulator, real SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, runCliAsync, startServe } from '../../support/cli';
import { tempDir } from '../../support/tmp';

interface Entry {
  idSoggettoServizio: string;
  descrizioneServizio: string;
  xsdRiferimento: string;
}

test('sportello catalogue search bollo finds the car tax; a first run fetches the catalogue', (t) => {
  const dir = tempDir(t, 'sportello-cli-catalogue-');
  const text = runCli(['catalogue', 'search', 'bollo'], dir);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /Tassa automobilistica/i);
  assert.match(text.stdout, /TassaAutomobilistica_1_1_0\.xsd/);

  const json = runCli(['catalogue', 'search', 'BOLLO', 'auto', '--json'], dir);
  assert.equal(json.status, 0, json.stderr);
  const found = JSON.parse(json.stdout) as { entries: Entry[]; total: number };
  assert.ok(found.entries.length >= 1);
  assert.ok(found.entries.every((e) => e.xsdRiferimento.startsWith('TassaAutomobilistica')));

  const none = runCli(['catalogue', 'search', 'zzzqqq', '--json'], dir);
  assert.deepEqual(JSON.parse(none.stdout), { entries: [], total: 0 });

  const status = runCli(['catalogue', '--json'], dir);
  assert.equal(status.status, 0, status.stderr);
  const s = JSON.parse(status.stdout) as { state: string; services: number; entries: Entry[] };
  assert.equal(s.state, 'fresh');
  assert.ok(s.services >= found.entries.length);
  assert.ok(s.entries.length > 0);

  const plain = runCli(['catalogue'], dir);
  assert.match(plain.stdout, /^catalogue: fresh, fetched .* services/);
});

test('sportello catalogue: usage errors exit 2', (t) => {
  const dir = tempDir(t, 'sportello-cli-catalogue-');
  assert.equal(runCli(['catalogue', 'list'], dir).status, 2);
  assert.equal(runCli(['catalogue', 'bollo'], dir).status, 2);
  assert.equal(runCli(['catalogue', 'search', 'bollo', '--limit', '0'], dir).status, 2);
});

test('through a running terminal: refresh and search answer from its core', async (t) => {
  const dir = tempDir(t, 'sportello-cli-catalogue-');
  await startServe(t, dir);
  const refreshed = await runCliAsync(['catalogue', 'refresh', '--json'], dir);
  assert.equal(refreshed.status, 0, refreshed.stderr);
  assert.equal((JSON.parse(refreshed.stdout) as { state: string }).state, 'fresh');
  const found = await runCliAsync(['catalogue', 'search', 'pesca', '--json'], dir);
  assert.equal(found.status, 0, found.stderr);
  assert.ok((JSON.parse(found.stdout) as { entries: Entry[] }).entries.some((e) => /pesca/i.test(e.descrizioneServizio)));
});
