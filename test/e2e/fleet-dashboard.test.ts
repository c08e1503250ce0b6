// The back office's dashboard in Chromium against a real mosquitto and PostgreSQL: log in, see a
// terminal whose outcome is 2 minutes from its token deadline flagged as an alert, open its journal,
// publish a configuration version; axe finds no serious or critical violation on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { startBackOffice, type BackOffice } from '../../main/backoffice/backoffice';
import { silentLog } from '../../main/backoffice/log';
import { addUser } from '../../main/backoffice/users';
import { startMosquitto, type Broker } from '../support/mosquitto';
import { startPostgres, type Postgres } from '../support/postgres';
import { FakeTerminal, eventually, freshDatabase, uniquePrefix } from '../integration/fleet/backoffice-support';
import { launchChromium } from './support/browser';
import { screenshot } from './support/app';
import { text } from './support/text';

const STATIC = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const t = text('it');

let broker: Broker;
let db: Postgres;
let bo: BackOffice;
let browser: Browser;
let prefix: string;

before(async () => {
  [broker, db, browser] = await Promise.all([startMosquitto(), startPostgres(), launchChromium()]);
  prefix = uniquePrefix();
  bo = await startBackOffice({
    broker: { url: broker.url },
    databaseUrl: await freshDatabase(db),
    prefix,
    clientIdBase: `bo-${prefix}`,
    http: { host: '127.0.0.1', port: 0, staticDir: STATIC },
    alertEveryMs: 500,
    log: silentLog,
  });
  await bo.subscribed();
  await addUser(bo.pool, 'anna', 'correct horse battery');
});
after(async () => {
  await bo?.close();
  await Promise.all([broker?.close(), db?.close(), browser?.close()]);
});

async function audit(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(bad.length, 0, `${screen}: ${bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n')}`);
  await screenshot(page, `fleet-${screen}`);
}

test('log in and see a terminal whose outcome is near its token deadline flagged as an alert', { timeout: 120_000 }, async () => {
  const term = new FakeTerminal('kiosk-roma-1', prefix);
  term.pay('s1', [{ fiscalCode: '77777777777', noticeNumber: '301000000000000001', amountCents: 5_000 }]);
  await term.publishBatch(broker.url, term.batch(1, 2)); // tendered, outcome not yet accepted
  await term.publishStatus(broker.url, { depth: 1, nearestDeadline: new Date(Date.now() + 2 * 60_000).toISOString() });
  await term.close();
  await eventually(
    'the status stored',
    async () => (await bo.pool.query("SELECT 1 FROM terminal_status WHERE terminal = 'kiosk-roma-1'")).rowCount === 1,
  );

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(bo.http!.url + '/');
  await page.getByLabel(t('fleet.login.name')).fill('anna');
  await page.getByLabel(t('fleet.login.password')).fill('not it');
  await page.getByLabel(t('fleet.login.password')).press('Enter');
  await page
    .getByRole('alert')
    .filter({ hasText: t('fleet.login.wrong') })
    .waitFor();
  await audit(page, 'login');
  await page.getByLabel(t('fleet.login.password')).fill('correct horse battery');
  await page.getByRole('button', { name: t('fleet.login.submit') }).click();

  const alert = page.locator('[data-testid=alerts] li[data-kind=deadline][data-terminal=kiosk-roma-1]');
  await alert.waitFor({ timeout: 30_000 });
  assert.match((await alert.textContent()) ?? '', /kiosk-roma-1/);
  const row = page.locator('tr[data-terminal=kiosk-roma-1]');
  await row.waitFor();
  const rowText = (await row.textContent()) ?? '';
  assert.match(rowText, /tra 1:\d\d|tra 2:00/, rowText);
  await audit(page, 'dashboard');

  // keyboard: the journal button is reachable and opens the terminal's journal
  await page.getByRole('button', { name: t('fleet.terminals.show', { id: 'kiosk-roma-1' }) }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: t('fleet.journal.heading', { id: 'kiosk-roma-1' }) }).waitFor();
  await page.getByRole('cell', { name: 'tender-submitted' }).waitFor();

  // a configuration version for the group
  await page.getByLabel(t('fleet.config.target')).selectOption('group');
  await page.getByLabel(t('fleet.config.targetName')).fill('roma');
  await page.getByLabel(t('fleet.config.idle')).fill('90');
  await page.getByRole('button', { name: t('fleet.config.publish') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `${prefix}/config/group/roma` })
    .waitFor();
  await audit(page, 'config');
  await context.close();
});
