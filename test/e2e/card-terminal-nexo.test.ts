// Issue 14 part 3 as a user meets it, in Debian's Chromium against browser-kiosk mode with the nexo
// card terminal simulator (sim/nexo, real HTTP and envelopes): a counter operator takes a card through
// the terminal (a decline told in the operator's words, then an approval whose brand, auth code and
// acquirer reference reach the certificate's paper); a kiosk citizen pays through it; a technician
// configures it on the devices screen, runs the test transaction, and a wrong passphrase is a wrong key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PRINTER_SETTING } from '../../main/services/printer/setting';
import { configureNexo, nexoSim } from './support/nexo';
import { launchChromium } from './support/browser';
import { openApp, PATIENCE_MS, screenshot } from './support/app';
import { NOTICES, scan, signInAndOpenShift } from './support/counter';
import { pattern, text } from './support/text';
import { chooseLanguage, openKiosk, payOnKiosk, scanOnKiosk, step } from './kiosk-steps';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const t = text('it');
const DEMO_PIN = '246810';

describe('nexo card terminal', { timeout: 300_000 }, () => {
  test('counter: a decline in the operator words, then an approval printed with brand, auth code and acquirer reference', async (t0) => {
    const { page, kiosk, dir } = await openApp(t0, browser);
    const sim = await nexoSim(t0);
    await configureNexo(kiosk, sim);
    const spool = join(dir, 'spool', 'receipts.bin');
    kiosk.core.db.settings.set(PRINTER_SETTING, { target: `file:${spool}`, paper: '80mm' });
    sim.script('decline:insufficient-funds,hold');
    await signInAndOpenShift(page, 'mrossi', '0');
    await scan(page, NOTICES.tari, '301020250000000129');
    await page.locator('tbody[data-phase="verified"]').first().waitFor();
    await page.keyboard.press('F9');
    await page.getByTestId('due').waitFor();

    await page.keyboard.press('F6');
    const dialog = page.getByRole('dialog', { name: t('tender:counter.title') });
    await dialog.waitFor();
    const answer = dialog.getByTestId('card-answer');
    await answer.waitFor();
    assert.equal(await answer.innerText(), `${t('tender:counter.result.declined')} ${t('tender:decline.insufficient-funds')}`);
    await screenshot(page, 'counter-nexo-declined');
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;
    assert.equal(kiosk.core.engine.get(sessionId).status, 'activated', 'a decline records nothing');

    // Try again: the terminal waits for the card (hold) while the operator sees the prompt.
    await page.keyboard.press('Enter');
    await dialog.getByTestId('card-present').waitFor();
    assert.match(await dialog.getByTestId('card-present').innerText(), pattern(t('tender:counter.present')));
    await screenshot(page, 'counter-nexo-present-card');
    await sim.waitFor(sessionId, 'waiting-card');
    assert.ok(sim.release(sessionId), 'a card is presented');
    await page.getByTestId('paid').waitFor();
    await page.getByTestId('printed').getByText(t('counter:print.done')).waitFor({ timeout: PATIENCE_MS });
    await screenshot(page, 'counter-nexo-paid');

    const tender = kiosk.core.engine.get(sessionId).tender!;
    assert.equal(tender.method, 'card');
    const auth = kiosk.core.db.journal
      .bySession(sessionId)
      .map((e) => e.payload as Record<string, string>)
      .find((p) => p.outcome === 'approved')!;
    assert.equal(Number(auth.amountCents), tender.dueCents);
    const paper = readFileSync(spool).toString('latin1');
    assert.match(paper, new RegExp(`${t('certificate:label.authCode')} +${auth.authCode}`));
    assert.match(paper, new RegExp(`${t('certificate:label.cardBrand')} +${auth.cardBrand}`));
    assert.match(paper, new RegExp(`${t('certificate:label.reference')} +${auth.acquirerReference}`));
    assert.match(paper, new RegExp(`${t('certificate:label.card')} +\\*\\*\\*\\* 9999`));
  });

  test('kiosk: a citizen pays through the nexo terminal and keeps the card details on the receipt', async (t0) => {
    const app = await openKiosk(t0, browser);
    const { page, kiosk } = app;
    const sim = await nexoSim(t0);
    await configureNexo(kiosk, sim);
    await page.reload();
    await step(page, 'language');
    await chooseLanguage(page, 'it');
    await scanOnKiosk(page, NOTICES.tari);
    await step(page, 'details');
    await page.getByTestId('continue').click();
    await step(page, 'total');
    await payOnKiosk(page);
    await step(page, 'receipt', 60_000);
    await page.getByTestId('certificate-preview').waitFor();
    const approved = sim.transactions().filter((x) => x.approved);
    assert.equal(approved.length, 1, 'one approval at the terminal');
    const entry = kiosk.core.db.journal
      .list(0, 10_000)
      .filter((e) => e.kind === 'card-authorization')
      .at(-1);
    const card = entry?.payload as { outcome: string; cardBrand: string; maskedPan: string; authCode: string };
    assert.equal(card.outcome, 'approved');
    assert.equal(await page.getByTestId('card-auth').innerText(), card.authCode);
    assert.equal(await page.getByTestId('card-brand').innerText(), card.cardBrand);
    await screenshot(page, 'kiosk-nexo-receipt');
  });

  test('technician: configures the nexo terminal, runs the test transaction; a wrong passphrase is a wrong key', async (t0) => {
    const { page, kiosk } = await openApp(t0, browser, { mode: 'technician' });
    const sim = await nexoSim(t0);
    await page.getByLabel(t('technician:lock.pin')).fill(DEMO_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('technician-devices').waitFor();

    await page.locator('select[name="card-kind"]').selectOption('nexo');
    await page.getByLabel(t('technician:devices.card.url')).fill(sim.url);
    await page.getByLabel(t('technician:devices.card.poiId')).fill(sim.poiId);
    await page.getByLabel(t('technician:devices.card.keyIdentifier')).fill(sim.key.keyIdentifier);
    await page.getByLabel(t('technician:devices.card.keyVersion')).fill(String(sim.key.keyVersion));
    await page.getByLabel(t('technician:devices.card.insecureLoopback')).check();
    await page.keyboard.press('Control+s');
    await page
      .getByTestId('devices-message')
      .filter({ hasText: t('technician:devices.saved') })
      .waitFor();

    // A wrong passphrase: the terminal cannot open the message.
    const passphrase = page.getByLabel(t('technician:devices.card.passphrase'));
    await passphrase.fill('not-the-terminal-passphrase');
    await page.getByTestId('card-store-key').click();
    const message = page.getByTestId('card-test-message');
    await message.filter({ hasText: t('technician:devices.card.keyStored') }).waitFor();
    assert.equal(await passphrase.inputValue(), '', 'the passphrase is not kept on the screen');
    await page.getByTestId('card-test').click();
    await message.filter({ hasText: t('technician:devices.card.testResult.wrong-key') }).waitFor();
    await screenshot(page, 'technician-nexo-wrong-key');

    await passphrase.fill(sim.key.passphrase);
    await page.getByTestId('card-store-key').click();
    await message.filter({ hasText: t('technician:devices.card.keyStored') }).waitFor();
    await page.getByTestId('card-test').click();
    await message.filter({ hasText: t('technician:devices.card.reversed') }).waitFor();
    assert.match(await message.innerText(), pattern(t('technician:devices.card.testResult.approved')));
    await screenshot(page, 'technician-nexo-test-approved');
    assert.ok(
      sim.transactions().some((x) => x.approved && x.reversed),
      'approved then reversed at the terminal',
    );
    // The passphrase never comes back, not even to the technician.
    const devices = await kiosk.api.call('technician.devices', {});
    assert.ok(devices.ok && !JSON.stringify(devices.value).includes(sim.key.passphrase));
  });
});
