// Spontaneous payments on a real demo core and its simulator over HTTP (issue 15): a car tax from
// the catalogue through demandPaymentNotice, verify, activate, tender and the OK outcome; each
// refusal with its own code (the node suite's SEM_DPNR_10 for an unknown service; the creditor's
// PAA_SINTASSI_XSD naming the field; an unreachable station); a kiosk offering only what its
// technician enabled; a verify amount that differs from the demand's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { carTaxCents } from '../../../sim/services/car-tax';
import { ServiceDemand } from '../../../main/services/catalogue/demand';
import { saveKioskServices } from '../../../main/services/catalogue/kiosk-services';
import { certificateModel } from '../../../main/services/certificate';
import { demoApi, reaches, refusal, value } from '../contract/counter-fixture';

const CAR_TAX = '00301'; // creditor 66666666666 in the simulator's seed
const FISHING = '00201';
const CAR = { 'veicoloConTarga/tipoVeicoloTarga': '1', 'veicoloConTarga/veicoloTarga': 'AB123CD' };

async function withCatalogue(t: { after(fn: () => unknown): void }) {
  const started = await demoApi(t);
  value(await started.api.call('catalogue.refresh', {}));
  return started;
}

describe('spontaneous payments: demandPaymentNotice into the cart', { timeout: 120_000 }, () => {
  test('car tax: form, demand, verify, cash, OK outcome; the certificate names the service and the plate', async (t) => {
    const { api, core } = await withCatalogue(t);
    const { entry, form } = value(await api.call('catalogue.form', { idSoggettoServizio: CAR_TAX }));
    assert.equal(entry.idDominio, '66666666666');
    assert.deepEqual(
      form.fields.map((f) => f.path),
      Object.keys(CAR),
    );
    const s = value(await api.call('session.start', { kind: 'counter' }));
    const added = value(await api.call('session.addService', { sessionId: s.id, idSoggettoServizio: CAR_TAX, values: CAR }));
    const n = added.session.notices[0]!;
    const due = carTaxCents('1', 'AB123CD');
    assert.deepEqual(
      [n.phase, n.ref.source, n.ref.fiscalCode, n.verification?.amountCents, n.amountChanged],
      ['verified', 'service', '66666666666', due, false],
    );
    assert.equal(n.ref.service?.idSoggettoServizio, CAR_TAX);
    assert.deepEqual(
      n.ref.service?.data.map((d) => [d.name, d.value, d.optionKey]),
      [
        ['tipoVeicoloTarga', '1', 'option.stTipoVeicoloTarga.1'],
        ['veicoloTarga', 'AB123CD', undefined],
      ],
    );
    // The journal proves what was sent without keeping the plate.
    const kinds = core.db.journal.bySession(s.id).map((e) => e.kind);
    assert.ok(kinds.includes('service-demanded') && kinds.includes('service-notice-created'));
    assert.ok(!JSON.stringify(core.db.journal.bySession(s.id)).includes('AB123CD'), 'no plate in the journal');

    assert.equal(value(await api.call('session.activate', { sessionId: s.id })).status, 'activated');
    const done = reaches(api, s.id, ['completed']);
    value(await api.call('session.tender', { sessionId: s.id, method: 'cash', givenCents: due + 1000 }));
    const paid = await done;
    assert.equal(paid.notices[0]!.phase, 'accepted');
    assert.equal(paid.notices[0]!.activation?.totalAmountCents, due);

    // Reloaded from SQLite, the ref still carries its service; the certificate prints it.
    const model = certificateModel(core, { sessionId: s.id, locale: 'it' });
    const text = JSON.stringify(model);
    assert.ok(text.includes(entry.descrizioneServizio), 'the service is named');
    assert.ok(text.includes('AB123CD'), 'the plate is printed');
  });

  test('a provider the node does not know: SERVICE_UNKNOWN (node suite SEM_DPNR_10)', async (t) => {
    const { core } = await withCatalogue(t);
    const s = core.engine.startSession('counter');
    // The terminal's catalogue says it exists (one kept from before the node dropped it): the node's answer decides.
    const demand = new ServiceDemand({
      catalogue: {
        find: (id) => ({
          idServizio: '00003',
          idSoggettoServizio: id,
          descrizioneServizio: 'Tassa automobilistica',
          categoria: null,
          idDominio: '66666666666',
          denominazioneEnteCreditore: 'Regione',
          xsdRiferimento: 'TassaAutomobilistica_1_1_0.xsd',
          commissione: null,
          dataInizioValidita: '2020-01-01',
          dataFineValidita: null,
        }),
      },
      node: core.node,
      engine: core.engine,
      journal: core.db.journal,
    });
    await assert.rejects(demand.addService(s.id, '00999', CAR), (e: Error & { code?: string; details?: Record<string, unknown> }) => {
      assert.equal(e.code, 'SERVICE_UNKNOWN');
      assert.equal(e.details?.faultCode, 'PPT_SERVIZIO_SCONOSCIUTO');
      return true;
    });
    assert.deepEqual(core.engine.get(s.id).notices, [], 'nothing in the cart');
  });

  test('data the creditor refuses against its XSD: SERVICE_DATA_REFUSED naming the field, nothing in the cart', async (t) => {
    const { api, core } = await withCatalogue(t);
    const { entry } = value(await api.call('catalogue.form', { idSoggettoServizio: CAR_TAX }));
    const s = core.engine.startSession('counter');
    const demand = new ServiceDemand({ catalogue: { find: () => entry }, node: core.node, engine: core.engine, journal: core.db.journal });
    // A plate too long for stTarga (8 at most): the local form would refuse it, the raw document goes.
    const xml =
      '<tassaAuto xmlns="http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto"><veicoloConTarga>' +
      '<tipoVeicoloTarga>1</tipoVeicoloTarga><veicoloTarga>AB123CDEFGH</veicoloTarga></veicoloConTarga></tassaAuto>';
    await assert.rejects(demand.addServiceXml(s.id, CAR_TAX, xml), (e: Error & { code?: string; details?: Record<string, unknown> }) => {
      assert.equal(e.code, 'SERVICE_DATA_REFUSED');
      assert.equal(e.details?.faultCode, 'PAA_SINTASSI_XSD');
      assert.equal(e.details?.field, 'veicoloConTarga/veicoloTarga');
      return true;
    });
    assert.deepEqual(core.engine.get(s.id).notices, []);
  });

  test('local validation refuses first: SERVICE_DATA_INVALID, nothing sent', async (t) => {
    const { api, core } = await withCatalogue(t);
    const s = value(await api.call('session.start', { kind: 'counter' }));
    const before = core.sim!.log().length;
    const e = refusal(
      await api.call('session.addService', {
        sessionId: s.id,
        idSoggettoServizio: CAR_TAX,
        values: { ...CAR, 'veicoloConTarga/veicoloTarga': 'AB1' },
      }),
    );
    assert.equal(e.code, 'SERVICE_DATA_INVALID');
    assert.equal(core.sim!.log().length, before, 'no request left');
  });

  test('a cart that takes no notice (cancelled) is refused before the creditor creates a position', async (t) => {
    const { api, core } = await withCatalogue(t);
    const s = value(await api.call('session.start', { kind: 'counter' }));
    value(await api.call('session.cancel', { sessionId: s.id }));
    const before = core.sim!.log().length;
    const e = refusal(await api.call('session.addService', { sessionId: s.id, idSoggettoServizio: CAR_TAX, values: CAR }));
    assert.equal(e.code, 'EVENT_NOT_ALLOWED');
    assert.equal(core.sim!.log().length, before, 'no demandPaymentNotice left');
  });

  test("the creditor's station unreachable: CREDITOR_UNREACHABLE", async (t) => {
    const { api, core } = await withCatalogue(t);
    core.sim!.setStation('66666666666', { station: 'unreachable' });
    const s = value(await api.call('session.start', { kind: 'counter' }));
    const e = refusal(await api.call('session.addService', { sessionId: s.id, idSoggettoServizio: CAR_TAX, values: CAR }));
    assert.equal(e.code, 'CREDITOR_UNREACHABLE');
    assert.match(String(e.details?.faultCode), /^PPT_STAZIONE_INT_PA_/);
  });

  test('a kiosk offers only the services its technician enabled (demo default: the car tax)', async (t) => {
    const { api, core } = await withCatalogue(t);
    const s = value(await api.call('session.start', { kind: 'kiosk' }));
    const e = refusal(await api.call('session.addService', { sessionId: s.id, idSoggettoServizio: FISHING, values: {} }));
    assert.equal(e.code, 'SERVICE_NOT_ENABLED');
    value(await api.call('session.addService', { sessionId: s.id, idSoggettoServizio: CAR_TAX, values: CAR }));
    saveKioskServices(core.db, [FISHING]);
    const s2 = value(await api.call('session.start', { kind: 'kiosk' }));
    const e2 = refusal(await api.call('session.addService', { sessionId: s2.id, idSoggettoServizio: CAR_TAX, values: CAR }));
    assert.equal(e2.code, 'SERVICE_NOT_ENABLED');
  });

  test('a verify amount other than the demand answer: amountChanged, the verified amount is charged', async (t) => {
    const { api, core } = await withCatalogue(t);
    const { entry } = value(await api.call('catalogue.form', { idSoggettoServizio: CAR_TAX }));
    // The demand's answer says 5.00 less than the creditor's position (the tax changed in between):
    // the node client is the real one, only its demand answer is altered on the way back.
    const demand = new ServiceDemand({
      catalogue: { find: () => entry },
      node: {
        demandPaymentNotice: async (r) => {
          const a = await core.node.demandPaymentNotice(r);
          return { ...a, paymentList: [{ ...a.paymentList[0]!, amount: a.paymentList[0]!.amount - 500 }] };
        },
      },
      engine: core.engine,
      journal: core.db.journal,
    });
    const s = core.engine.startSession('counter');
    const added = await demand.addService(s.id, CAR_TAX, CAR);
    const due = carTaxCents('1', 'AB123CD');
    assert.deepEqual(
      [added.notices[0]!.ref.scannedAmountCents, added.notices[0]!.verification?.amountCents, added.notices[0]!.amountChanged],
      [due - 500, due, true],
    );
    value(await api.call('session.activate', { sessionId: s.id }));
    const q = value(await api.call('session.quote', { sessionId: s.id, method: 'cash' }));
    assert.equal(q.noticesCents, due, 'the verified amount is what is charged');
  });
});
