// The service catalogue against the real simulator over HTTP (issue 15): a refresh stores what the
// node answers and a restart finds it; with the node down the kept one serves and says how old it
// is; no catalogue and no node is CATALOGUE_NONE; a kill in the middle of a replace keeps the old
// one; the running core fetches it by itself; who may refresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCoreApi } from '../../../main/api/core-api';
import { CATALOGUE_FRESH_MS, CatalogueService } from '../../../main/services/catalogue/store';
import { error, start, value } from '../contract/harness';

const CHILD = fileURLToPath(new URL('./kill-child.ts', import.meta.url));

const NODE_DOWN = ['NODE_UNREACHABLE', 'NODE_NO_RESPONSE'];

const journaled = (
  core: { db: { journal: { list(after?: number, limit?: number): { kind: string; payload: unknown }[] } } },
  kind: string,
) => core.db.journal.list(0, 10_000).filter((e) => e.kind === kind);

test('a refresh keeps the node catalogue, one row per provider; a restart finds it without asking', async (t) => {
  const { core, api, dir } = await start(t);
  assert.equal(value(await api.call('catalogue.status', {})).state, 'none');
  assert.equal(error(await api.call('catalogue.search', { words: 'bollo' })).code, 'CATALOGUE_NONE');

  const status = value(await api.call('catalogue.refresh', {}));
  const providers = core.sim!.services().flatMap((s) => s.providers.map((p) => p.idSoggettoServizio));
  assert.equal(status.state, 'fresh');
  assert.equal(status.services, providers.length);
  assert.equal(status.lastError, null);
  assert.ok(status.categories.length > 0 && status.creditors.length > 0);
  const found = value(await api.call('catalogue.search', { words: 'bollo' }));
  assert.ok(
    found.entries.some((e) => e.xsdRiferimento.startsWith('TassaAutomobilistica')),
    'the car tax, by the name people use',
  );
  const [entry] = journaled(core, 'catalogue-refreshed');
  assert.deepEqual(entry?.payload, { services: providers.length, answered: core.sim!.services().length });

  // A second core on the same data (its own simulator, nothing asked of it): the same catalogue.
  await core.close();
  const again = await start(t, { dir });
  const kept = value(await again.api.call('catalogue.status', {}));
  assert.equal(kept.state, 'fresh');
  assert.equal(kept.services, providers.length);
  assert.equal(kept.fetchedAtMs, status.fetchedAtMs);
  assert.deepEqual(value(await again.api.call('catalogue.search', { words: 'bollo' })).entries, found.entries);
  assert.deepEqual(again.core.sim!.log(), []);
});

test('the node down: the kept catalogue serves, stale after 24 h, with the reason', async (t) => {
  const { core } = await start(t);
  let offset = 0;
  const catalogue = new CatalogueService({ db: core.db, node: core.node, now: () => core.engine.now() + offset, journal: core.db.journal });
  const first = await catalogue.refresh();
  assert.equal(first.state, 'fresh');
  await core.sim!.close();

  offset = 2 * 60 * 60 * 1000;
  const twoHours = await catalogue.refresh();
  assert.equal(twoHours.state, 'fresh', 'a failed refresh does not age the kept one');
  // The first request after the close may meet the kept-alive connection closing: no response.
  assert.ok(NODE_DOWN.includes(twoHours.lastError!.code), twoHours.lastError!.code);
  assert.ok(twoHours.ageMs! >= offset);

  offset = CATALOGUE_FRESH_MS + 60 * 60 * 1000;
  const old = await catalogue.refresh();
  assert.equal(old.state, 'stale');
  assert.ok(old.ageMs! >= CATALOGUE_FRESH_MS + 60 * 60 * 1000, `age ${old.ageMs}`);
  assert.equal(old.services, first.services);
  assert.ok(catalogue.search({ words: 'bollo' }).entries.length > 0, 'still searchable');
  assert.ok(catalogue.find(catalogue.search({}).entries[0]!.idSoggettoServizio));
  const failures = journaled(core, 'catalogue-refresh-failed').map((e) => (e.payload as { code: string }).code);
  assert.equal(failures.length, 2);
  assert.ok(
    failures.every((c) => NODE_DOWN.includes(c)),
    failures.join(),
  );
});

test('no catalogue yet and the node down: CATALOGUE_NONE, for a refresh and a search', async (t) => {
  const { core, api } = await start(t);
  await core.sim!.close();
  const refused = error(await api.call('catalogue.refresh', {}));
  assert.equal(refused.code, 'CATALOGUE_NONE');
  assert.equal(refused.details?.cause, 'NODE_UNREACHABLE');
  assert.equal(error(await api.call('catalogue.search', {})).code, 'CATALOGUE_NONE');
  const status = value(await api.call('catalogue.status', {}));
  assert.equal(status.state, 'none');
  assert.equal(status.lastError?.code, 'NODE_UNREACHABLE');
});

test('a kill in the middle of a replace keeps the old catalogue whole', async (t) => {
  const { core, api, dir } = await start(t);
  const before = value(await api.call('catalogue.refresh', {}));
  const listed = value(await api.call('catalogue.search', { limit: 1000 })).entries;
  api.close();
  await core.close();

  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, join(dir, 'sportello.db'), '600'], { encoding: 'utf8' });
  assert.equal(r.signal, 'SIGKILL', r.stderr);

  const again = await start(t, { dir });
  const after = value(await again.api.call('catalogue.status', {}));
  assert.equal(after.services, before.services);
  assert.equal(after.fetchedAtMs, before.fetchedAtMs);
  assert.deepEqual(value(await again.api.call('catalogue.search', { limit: 1000 })).entries, listed);
  assert.equal(value(await again.api.call('catalogue.search', { words: 'nuovo' })).total, 0);
});

test('the running core fetches the catalogue by itself soon after start, without waiting for it', async (t) => {
  const { core } = await start(t, { core: { sweepMs: 50 } });
  const api = createCoreApi(core, { refreshCatalogue: true });
  t.after(() => api.close());
  for (let i = 0; i < 200 && value(await api.call('catalogue.status', {})).state === 'none'; i++) await sleep(25);
  assert.equal(value(await api.call('catalogue.status', {})).state, 'fresh');
  // Fresh now: the later sweeps ask nothing more of the node.
  await sleep(300);
  assert.equal(core.sim!.log().filter((e) => e.operation === 'nodoChiediCatalogoServiziV2').length, 1);
});

test('anyone may search (the kiosk too); a refresh needs staff or the technician', async (t) => {
  const { api } = await start(t);
  value(await api.call('catalogue.refresh', {}));
  const kiosk = api.as(null);
  assert.ok(value(await kiosk.call('catalogue.search', { words: 'pesca' })).entries.length > 0);
  assert.equal(value(await kiosk.call('catalogue.status', {})).state, 'fresh');
  assert.equal(error(await kiosk.call('catalogue.refresh', {})).code, 'ROLE_REQUIRED');
});
