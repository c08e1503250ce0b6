// A spontaneous payment at the kiosk (issue 15), in Debian's Chromium against browser-kiosk mode (a
// demo core with its own simulator per test): "pay a service" on the scan screen, the car tax among
// the services the demo kiosk offers, the vehicle class as a big radio button, the plate typed on the
// on-screen keyboard, the amount the creditor computed (the simulator's carTaxCents), the card, and
// the receipt naming the service. Local validation says what is wrong under each field before anything
// is sent; an unreachable creditor keeps the values typed and lets the citizen try again. axe checks
// every new screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { BrowserKiosk } from '../../main/shell/browser-kiosk';
import { carTaxCents } from '../../sim/services/car-tax';
import { launchChromium } from './support/browser';
import { PATIENCE_MS, screenshot } from './support/app';
import { pattern, text } from './support/text';
import { chooseLanguage, openKiosk, step } from './kiosk-steps';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const CAR_TAX = '00301'; // Regione Esempio (66666666666) in the simulator's seed
const CREDITOR = '66666666666';
const PLATE = 'EZ482KL';
/** Card approval and the outcome's delivery on a loaded 2-core machine (as the kiosk tests wait). */
const RECEIPT_PATIENCE_MS = 60_000;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** axe on the page as it is now: no serious or critical violation. */
async function audit(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
  assert.equal(bad.length, 0, `${screen}: ${report}`);
  await screenshot(page, `kiosk-service-${screen}`);
}

/** "€ 210,92", as the screens print Italian money. */
const euros = (cents: number) => `€ ${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

/** The kiosk with the catalogue fetched (the demo offers every car tax provider), at its first screen. */
async function kioskWithCatalogue(t0: { after(fn: () => unknown): void }) {
  const app = await openKiosk(t0, browser);
  const refreshed = await app.kiosk.api.call('catalogue.refresh', {});
  assert.ok(refreshed.ok && refreshed.value.state === 'fresh');
  // The kiosk reads what it offers at each start screen.
  await app.page.reload();
  await step(app.page, 'language');
  return app;
}

async function typeOnKeyboard(page: Page, chars: string): Promise<void> {
  for (const ch of chars) await page.locator(`.kiosk-keyboard [data-key="${ch}"]`).click();
}

/** From the scan screen to the car tax's form. */
async function openCarTax(page: Page): Promise<void> {
  await page.getByTestId('pay-service').click();
  await step(page, 'services');
  await page.getByTestId(`service-${CAR_TAX}`).click();
  await step(page, 'service-form');
}

async function lastSession(kiosk: BrowserKiosk) {
  const list = await kiosk.api.call('sessions.list', { limit: 1 });
  assert.ok(list.ok);
  return list.value.sessions[0]!;
}

describe('kiosk: a service paid without a notice', { timeout: 300_000 }, () => {
  test('car tax: class, plate on the keyboard, the computed amount, the card, a receipt naming the service', async (t0) => {
    const { page, kiosk } = await kioskWithCatalogue(t0);
    const t = text('it');
    await chooseLanguage(page, 'it');
    assert.equal(await page.getByTestId('pay-service').innerText(), t('kiosk:scan.service'));
    await audit(page, 'scan');

    await page.getByTestId('pay-service').click();
    await step(page, 'services');
    await page.getByRole('heading', { name: t('kiosk:services.title') }).waitFor();
    // Few services: buttons alone, no typing (the demo offers both car tax providers).
    assert.equal(await page.locator('.kiosk-services button').count(), 2);
    assert.equal(await page.locator('.kiosk-keyboard').count(), 0);
    await audit(page, 'services');

    await page.getByTestId(`service-${CAR_TAX}`).click();
    await step(page, 'service-form');
    assert.equal(await page.getByTestId('service-creditor').innerText(), 'Regione Esempio');
    await audit(page, 'form');

    // Nothing chosen: each field says what it needs, the summary is announced; nothing was sent.
    const before = kiosk.core.sim!.log().length;
    await page.getByTestId('service-confirm').click();
    await page.getByTestId('form-errors').waitFor();
    assert.equal(await page.getByTestId('form-errors').getAttribute('role'), 'alert');
    assert.equal(await page.locator('.kiosk-field-error').count(), 2);
    await audit(page, 'form-errors');

    await page.getByTestId('option-tipoVeicoloTarga-1').click();
    assert.equal(await page.locator('input[name="veicoloConTarga/tipoVeicoloTarga"][value="1"]').isChecked(), true);
    await page.getByTestId('field-veicoloTarga').click();
    await typeOnKeyboard(page, 'EZ4');
    await page.getByTestId('service-confirm').click();
    await page
      .locator('.kiosk-field-error')
      .filter({ hasText: pattern(t('services:validation.minLength', { limit: 7 })) })
      .waitFor();
    assert.equal(await page.getByTestId('field-veicoloTarga').getAttribute('aria-invalid'), 'true');
    assert.equal(kiosk.core.sim!.log().length, before, 'no request left for invalid data');
    await typeOnKeyboard(page, PLATE.slice(3));
    assert.equal(await page.getByTestId('field-veicoloTarga').inputValue(), PLATE);
    await page.getByTestId('service-confirm').click();

    // The creditor's amount, as verified: what the simulator computes for a car and this plate.
    await step(page, 'details');
    const due = carTaxCents('1', PLATE);
    assert.equal(await page.getByTestId('amount').innerText(), euros(due));
    assert.equal(await page.getByTestId('service-data-veicoloTarga').innerText(), PLATE);
    const description = await page.getByTestId('service').innerText();
    assert.ok(description.length > 0);
    await audit(page, 'details');

    await page.getByTestId('continue').click();
    await step(page, 'total');
    await page.getByTestId('pay-card').click();
    await step(page, 'receipt', RECEIPT_PATIENCE_MS);
    const preview = page.getByTestId('certificate-preview');
    await preview.waitFor({ timeout: PATIENCE_MS });
    const svg = decodeURIComponent((await preview.getAttribute('src')) ?? '');
    assert.ok(svg.includes(PLATE), 'the receipt holds the plate');
    assert.ok(svg.includes(description.replace(/&/g, '&amp;')), `the receipt names the service (${description})`);
    await screenshot(page, 'kiosk-service-receipt');

    const paid = await lastSession(kiosk);
    assert.ok(['completed', 'certified'].includes(paid.state), paid.state);
    assert.equal(paid.tender?.method, 'card');
    assert.equal(paid.tender?.dueCents, due + 150, 'the verified amount and the demo fee');

    // The same car tax again: the creditor says it is paid; the citizen is told so, on the form, with a way back.
    await page.getByTestId('done').click();
    await step(page, 'language');
    await chooseLanguage(page, 'it');
    await openCarTax(page);
    await page.getByTestId('option-tipoVeicoloTarga-1').click();
    await page.getByTestId('field-veicoloTarga').click();
    await typeOnKeyboard(page, PLATE);
    await page.getByTestId('service-confirm').click();
    await page.locator('.kiosk[data-step="service-form"] [data-problem="already-paid"]').waitFor();
    assert.match(await page.getByTestId('problem').innerText(), pattern(t('kiosk:problem.already-paid.title')));
    await page.getByTestId('back').click();
    await step(page, 'services');
  });

  test('the creditor unreachable: said politely, the values kept, paid once it answers; the language switch on the form', async (t0) => {
    const { page, kiosk, sim } = await kioskWithCatalogue(t0);
    await chooseLanguage(page, 'it');
    await openCarTax(page);
    await page.getByTestId('option-tipoVeicoloTarga-4').click();
    await page.getByTestId('field-veicoloTarga').click();
    await typeOnKeyboard(page, 'XY123ZW');

    // The form speaks the chosen language, and switches with the values kept.
    await page.getByTestId('switch-de').click();
    const de = text('de');
    await page.getByRole('button', { name: de('kiosk:service.confirm') }).waitFor();
    assert.equal(await page.getByTestId('field-veicoloTarga').inputValue(), 'XY123ZW');

    sim.setStation(CREDITOR, { station: 'unreachable' });
    await page.getByTestId('service-confirm').click();
    await page.locator('.kiosk[data-step="service-form"] [data-problem="creditor-unreachable"]').waitFor({ timeout: PATIENCE_MS });
    assert.match(await page.getByTestId('problem').innerText(), pattern(de('kiosk:problem.creditor-unreachable.text')));
    assert.equal(await page.getByTestId('field-veicoloTarga').inputValue(), 'XY123ZW', 'nothing to type again');
    assert.equal(await page.locator('input[name="veicoloConTarga/tipoVeicoloTarga"][value="4"]').isChecked(), true);
    await audit(page, 'creditor-unreachable');
    // Nothing left open: the session started for the demand was cancelled.
    const refused = await lastSession(kiosk);
    assert.ok(!['cart', 'activated'].includes(refused.state), refused.state);

    // The node itself down: "try later", the values still there.
    sim.setStation(CREDITOR, { station: 'online' });
    sim.injectFaults({ kind: 'outage' });
    await page.getByTestId('service-confirm').click();
    await page.locator('.kiosk[data-step="service-form"] [data-problem="try-later"]').waitFor({ timeout: PATIENCE_MS });
    assert.equal(await page.getByTestId('field-veicoloTarga').inputValue(), 'XY123ZW');
    sim.clearFaults();

    await page.getByTestId('service-confirm').click();
    await step(page, 'details');
    // German money: "1.234,56 €" or "€ 1.234,56"; the digits are the same.
    const due = carTaxCents('4', 'XY123ZW');
    assert.ok((await page.getByTestId('amount').innerText()).includes(euros(due).slice(2)), "the motorcycle's amount");
  });

  test('many services: a search on the on-screen keyboard narrows the list', async (t0) => {
    const { page, kiosk, sim } = await openKiosk(t0, browser);
    // Two more car tax providers (the simulator's admin API): eight services in all, past the buttons-only six.
    sim.addService({
      idServizio: '00006',
      descrizioneServizio: 'Tassa automobilistica comunale',
      categoria: 'Tributi',
      xsdRiferimento: 'TassaAutomobilistica_1_1_0.xsd',
      providers: ['00601', '00602'].map((id, i) => ({
        idSoggettoServizio: id,
        idDominio: i === 0 ? '77777777777' : '55555555555',
        denominazioneEnteCreditore: i === 0 ? 'Comune di Borgo Esempio' : 'Provincia di Esempio',
        dataInizioValidita: '2025-01-01',
        paymentDescription: 'Tassa automobilistica',
        amount: { rule: 'car-tax', iban: 'IT60X0542811101000000123456', remittanceInformation: 'Bollo auto' },
      })),
    });
    const refreshed = await kiosk.api.call('catalogue.refresh', {});
    assert.ok(refreshed.ok);
    const all = await kiosk.api.call('catalogue.search', { limit: 1000 });
    assert.ok(all.ok);
    const ids = all.value.entries.map((e) => e.idSoggettoServizio);
    assert.ok(ids.length > 6, `${ids.length} services`);
    assert.ok((await kiosk.api.call('technician.setKioskServices', { idSoggettoServizio: ids })).ok);
    await page.reload();
    await step(page, 'language');
    await chooseLanguage(page, 'it');
    await page.getByTestId('pay-service').click();
    await step(page, 'services');
    assert.equal(await page.locator('.kiosk-services button').count(), ids.length);
    await typeOnKeyboard(page, 'PESC');
    assert.equal(await page.getByTestId('service-words').inputValue(), 'PESC');
    await page.locator('.kiosk-services button').nth(1).waitFor({ state: 'detached' });
    assert.deepEqual(await page.locator('.kiosk-services button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid'))), [
      'service-00201',
    ]);
    await audit(page, 'services-search');
    await page.getByTestId('service-00201').click();
    await step(page, 'service-form');
    await audit(page, 'form-fishing');
  });

  test('a kiosk whose technician enabled no service shows no service button', async (t0) => {
    const { page, kiosk } = await openKiosk(t0, browser);
    assert.ok((await kiosk.api.call('catalogue.refresh', {})).ok);
    assert.ok((await kiosk.api.call('technician.setKioskServices', { idSoggettoServizio: [] })).ok);
    await page.reload();
    await step(page, 'language');
    await chooseLanguage(page, 'it');
    await page.getByTestId('type-notice').waitFor();
    assert.equal(await page.getByTestId('pay-service').count(), 0);
  });
});
