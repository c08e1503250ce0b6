// Spontaneous payments at the counter (issue 15), in Debian's Chromium against browser-kiosk mode
// and the demo core's own simulator: the car tax found in the catalogue by key and by words, its
// form filled, the notice the creditor issues verified in the same cart as a notice scanned from
// paper, paid in cash, the certificate naming the service and the plate, both outcomes taken by
// the node. A plate the service's XSD refuses is refused on screen with nothing sent; a creditor
// station down is said in its own words. axe runs on the search and the form.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { carTaxCents } from '../../sim/services/car-tax';
import { launchChromium } from './support/browser';
import { openApp, screenshot } from './support/app';
import type { OpenApp } from './support/app';
import { NOTICES, scan, signInAndOpenShift } from './support/counter';
import { text } from './support/text';

const t = text('it');
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const CAR_TAX = '00301'; // Regione Esempio, 66666666666 (sim/README.md)
const REGION = '66666666666';
const PLATE = 'AB123CD';
const CLASS_FIELD = 'veicoloConTarga/tipoVeicoloTarga';
const PLATE_FIELD = 'veicoloConTarga/veicoloTarga';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Cents as the counter shows them ("€ 210,92"); every car tax is under 1,000 €. */
const euro = (cents: number) => `€ ${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

async function audit(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
  assert.equal(bad.length, 0, `${screen}: ${report}`);
  assert.ok(result.passes.length > 0, `${screen}: axe ran no check at all`);
}

/** The demo core fetches its catalogue on its first sweep: the tests start once it is there. */
async function catalogueReady(app: OpenApp): Promise<void> {
  const r = await app.kiosk.api.call('catalogue.refresh', {});
  assert.ok(r.ok && r.value.state === 'fresh', 'the simulator gave the catalogue');
}

const demands = (app: OpenApp) => app.sim.log().filter((e) => e.operation === 'demandPaymentNotice').length;

/** Alt+N, the words, then ↓ to the Regione Esempio's car tax and Enter: its form. */
async function openCarTax(page: Page, words: string): Promise<void> {
  await page.keyboard.press('Alt+N');
  await page.getByRole('heading', { name: t('counter:service.search.title') }).waitFor();
  const field = page.getByRole('combobox', { name: t('counter:service.search.words') });
  assert.equal(await field.evaluate((el) => el === document.activeElement), true, 'the search field has the cursor');
  await page.keyboard.type(words);
  const wanted = page.locator(`[role="option"][data-service="${CAR_TAX}"]`);
  await wanted.waitFor();
  for (let i = 0; i < 10 && (await wanted.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await wanted.getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
  await page
    .getByTestId('service-form')
    .and(page.locator(`[data-service="${CAR_TAX}"]`))
    .waitFor();
}

describe('counter: pagamento spontaneo (issue 15)', { timeout: 240_000 }, () => {
  test('the car tax from the catalogue, beside a paper notice in one cart, paid in cash to the certificate', async (t0) => {
    const app = await openApp(t0, browser);
    const { page, kiosk, sim } = app;
    await signInAndOpenShift(page, 'mrossi', '100');
    await catalogueReady(app);

    // A notice from paper first: the spontaneous one joins the same cart.
    await scan(page, NOTICES.tari, '301020250000000129');
    await page.locator('tbody[data-notice="301020250000000129"][data-phase="verified"]').waitFor();
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;

    await openCarTax(page, 'bollo');
    await page.keyboard.press('Escape');
    await page.getByTestId('service-search').waitFor();
    await audit(page, 'service-search');
    await screenshot(page, 'counter-service-search');
    await page.keyboard.press('Enter');
    await page.getByTestId('service-form').waitFor();

    // The form from the XSD: the class as a select of the schema's values, the plate with its length.
    const cls = page.getByLabel(t('services:field.tipoVeicoloTarga'));
    const plate = page.getByLabel(t('services:field.veicoloTarga'));
    assert.equal(await cls.evaluate((el) => el === document.activeElement), true, 'the cursor starts in the first field');
    assert.equal(await plate.getAttribute('maxlength'), '8');
    assert.equal(await plate.getAttribute('aria-required'), 'true');

    // Enter with nothing typed: each field says it is required, the cursor on the first.
    await page.keyboard.press('Enter');
    await page.locator(`[data-field="${CLASS_FIELD}"] .field-error`, { hasText: t('services:validation.required') }).waitFor();
    await page.locator(`[data-field="${PLATE_FIELD}"] .field-error`, { hasText: t('services:validation.required') }).waitFor();
    assert.equal(await cls.evaluate((el) => el === document.activeElement), true);

    // A plate too short: refused on the plate, with its minimum, and nothing goes to the node.
    const before = demands(app);
    await cls.selectOption('1');
    await plate.fill('AB12');
    await page.keyboard.press('Enter');
    await page
      .locator(`[data-field="${PLATE_FIELD}"] .field-error`, { hasText: t('services:validation.minLength', { limit: 7 }) })
      .waitFor();
    assert.equal(await plate.evaluate((el) => el === document.activeElement), true, 'the cursor on the field to correct');
    assert.equal(await plate.getAttribute('aria-invalid'), 'true');
    await page.getByTestId('service-invalid').waitFor();
    await audit(page, 'service-form-invalid');
    await screenshot(page, 'counter-service-form-invalid');
    assert.equal(demands(app), before, 'nothing was sent');

    await plate.fill(PLATE);
    await page.keyboard.press('Enter');

    // Back in the cart: the demanded notice verified, with the service and the plate, at the formula's amount.
    const cents = carTaxCents('1', PLATE);
    const row = page.locator('tbody[data-phase="verified"]', { has: page.getByTestId('notice-service') });
    await row.waitFor();
    assert.equal(await page.locator('.payment').getAttribute('data-session'), sessionId, 'the same cart');
    assert.match(await row.innerText(), /Tassa automobilistica/);
    assert.ok((await row.innerText()).includes(PLATE));
    assert.ok((await row.innerText()).includes(euro(cents)), `the verified amount ${euro(cents)}`);
    await page
      .getByTestId('running-total')
      .getByText(euro(12000 + cents))
      .waitFor();
    await screenshot(page, 'counter-service-cart');
    const notices = kiosk.core.engine.get(sessionId).notices;
    assert.equal(notices.length, 2);
    const demanded = notices.find((n) => n.ref.source === 'service')!;
    assert.equal(demanded.ref.fiscalCode, REGION);
    assert.equal(demanded.verification?.amountCents, cents);
    assert.equal(demanded.ref.service?.idSoggettoServizio, CAR_TAX);

    // The usual path: F9, F5 cash, the certificate.
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    await page.keyboard.press('F5');
    await page.locator('input[name="given"]').fill('400');
    // The core's change: 400 € less the two notices and the demo's flat fee of 1.50 €.
    await page
      .getByTestId('change')
      .getByText(euro(40000 - 12000 - cents - 150))
      .waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: t('counter:tender.confirmTitle') }).waitFor();
    await page.keyboard.press('Enter');
    const preview = page.getByTestId('certificate-preview');
    await preview.waitFor();
    await page.getByTestId('paid').waitFor();
    const svg = decodeURIComponent((await preview.getAttribute('src'))!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    assert.match(svg, /Tassa automobilistica/);
    assert.ok(svg.includes(PLATE), 'the certificate names the plate');
    await screenshot(page, 'counter-service-certificate');

    // Both outcomes delivered: the node holds both notices as paid, each with one OK.
    const done = kiosk.core.engine.get(sessionId);
    assert.ok(['completed', 'certified'].includes(done.status), done.status);
    for (const n of done.notices) {
      assert.equal(n.phase, 'accepted');
      const position = sim.position(n.ref.fiscalCode, n.ref.noticeNumber)!;
      assert.equal(position.state, 'paid', n.ref.noticeNumber);
      const token = position.sessions.find((x) => x.paymentToken === n.activation!.paymentToken)!;
      assert.deepEqual(
        token.received.map((r) => `${r.outcome}:${r.answer}`),
        ['OK:OK'],
      );
    }

    // The next customer asks for the same plate's car tax: the creditor refuses it (already paid this
    // year, sim/README.md) naming the plate; the form says which field, the cursor is on it.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();
    await openCarTax(page, 'bollo');
    await page.getByLabel(t('services:field.tipoVeicoloTarga')).selectOption('1');
    const again = page.getByLabel(t('services:field.veicoloTarga'));
    await again.fill(PLATE);
    await page.keyboard.press('Enter');
    await page
      .getByTestId('service-refused')
      .getByText(t('counter:service.form.refusedField', { field: t('services:field.veicoloTarga') }))
      .waitFor();
    await page.locator(`[data-field="${PLATE_FIELD}"] .field-error`, { hasText: t('counter:service.form.refused') }).waitFor();
    assert.equal(await again.evaluate((el) => el === document.activeElement), true, 'the cursor on the refused field');
    assert.equal(await again.getAttribute('aria-invalid'), 'true');
    await page.getByTestId('payment-error').getByText(t('app:errors.SERVICE_DATA_REFUSED')).waitFor();
    await screenshot(page, 'counter-service-refused');
  });

  test("a creditor station down: CREDITOR_UNREACHABLE's words, the form kept; Esc twice back to the cart", async (t0) => {
    const app = await openApp(t0, browser);
    const { page, sim } = app;
    await signInAndOpenShift(page, 'mrossi', '0');
    await catalogueReady(app);
    const down = await fetch(`${sim.adminUrl}/creditors/${REGION}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ station: 'unreachable' }),
    });
    assert.equal(down.status, 200);

    await openCarTax(page, 'tassa auto');
    await page.getByLabel(t('services:field.tipoVeicoloTarga')).selectOption('1');
    await page.getByLabel(t('services:field.veicoloTarga')).fill(PLATE);
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-error').getByText(t('app:errors.CREDITOR_UNREACHABLE')).waitFor();
    await screenshot(page, 'counter-service-creditor-down');
    // Still on the form with what was typed, nothing in the cart.
    assert.equal(await page.getByLabel(t('services:field.veicoloTarga')).inputValue(), PLATE);
    assert.equal(await page.locator('tbody[data-notice]').count(), 0);

    await page.keyboard.press('Escape');
    await page.getByTestId('service-search').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();
  });
});
