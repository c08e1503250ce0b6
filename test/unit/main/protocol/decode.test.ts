import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { xsdValidator, SCHEMA_DIR } from '../../../../sim/xsd';
import { decodeResponse, NodeBadResponse, NodeFault, type BadResponseReason, type Primitive } from '../../../../main/protocol';
import { bodyChildOf, fixture, fixtureNames } from './support';
import { elementNames } from './xsd-walk';

describe('response fixtures are honest', () => {
  for (const name of fixtureNames('valid')) {
    test(`valid/${name} validates against nodeForPsp.xsd`, async () => {
      const r = await (await xsdValidator()).validate(bodyChildOf(fixture(`valid/${name}`)));
      assert.deepEqual(r, { valid: true, errors: [] });
    });
  }
  for (const name of fixtureNames('lenient')) {
    test(`lenient/${name} really departs from the XSD`, async () => {
      const r = await (await xsdValidator()).validate(bodyChildOf(fixture(`lenient/${name}`)));
      assert.equal(r.valid, false);
    });
  }
  test('the catalogue inside nodoChiediCatalogoServiziV2.ok validates against CatalogoServizi_2_0_0.xsd', async () => {
    const v = await xsdValidator(join(SCHEMA_DIR, 'xsd-common/CatalogoServizi_2_0_0.xsd'));
    assert.deepEqual(await v.validate(fixture('catalogue/catalogo-servizi.xml')), { valid: true, errors: [] });
    const b64 = /<xmlCatalogoServizi>([^<]+)</.exec(fixture('valid/nodoChiediCatalogoServiziV2.ok.xml'))![1]!;
    assert.equal(Buffer.from(b64, 'base64').toString('utf8'), fixture('catalogue/catalogo-servizi.xml'));
  });
  test('the "full" fixtures carry every element of their response type', () => {
    const faultOnly = new Set([...elementNames('ctFaultBean'), 'fault']);
    const full: Array<[string, string]> = [
      ['valid/verifyPaymentNotice.ok.xml', 'verifyPaymentNoticeRes'],
      ['valid/activatePaymentNotice.ok.xml', 'activatePaymentNoticeRes'],
      ['valid/activatePaymentNoticeV2.ok-5-transfers.xml', 'activatePaymentNoticeV2Response'],
      ['valid/verificaBollettino.ok.xml', 'verificaBollettinoRes'],
      ['valid/demandPaymentNotice.ok.xml', 'demandPaymentNoticeResponse'],
      ['valid/nodoChiediCatalogoServiziV2.ok.xml', 'nodoChiediCatalogoServiziV2Response'],
    ];
    for (const [file, type] of full) {
      const xml = fixture(file);
      for (const n of elementNames(type)) if (!faultOnly.has(n)) assert.ok(xml.includes(`<${n}>`), `${file}: <${n}>`);
    }
    const ko = fixture('valid/verifyPaymentNotice.ko-full-fault.xml');
    for (const n of faultOnly) assert.ok(ko.includes(`<${n}>`), `ko-full-fault: <${n}>`);
  });
});

describe('OK answers decode into typed results, amounts in cents', () => {
  test('verifyPaymentNotice, every field', () => {
    assert.deepEqual(decodeResponse('verifyPaymentNotice', fixture('valid/verifyPaymentNotice.ok.xml')), {
      paymentList: [{ amount: 12010, options: 'EQ', dueDate: '2030-12-31', paymentNote: 'Rata unica TARI 2030' }],
      paymentDescription: 'TARI 2030 - saldo & conguaglio',
      fiscalCodePA: '77777777777',
      companyName: 'Comune di Esempio',
      officeName: 'Ufficio Tributi',
      standin: false,
    });
  });

  test('verifyPaymentNotice, only mandatory fields', () => {
    const r = decodeResponse('verifyPaymentNotice', fixture('valid/verifyPaymentNotice.ok-minimal.xml'));
    assert.deepEqual(r.paymentList, [{ amount: 1, options: 'EQ', dueDate: undefined, paymentNote: undefined }]);
    assert.equal(r.standin, undefined);
    assert.equal(r.fiscalCodePA, undefined);
  });

  test('activatePaymentNotice v1: token, total, two transfers with IBAN and metadata', () => {
    assert.deepEqual(decodeResponse('activatePaymentNotice', fixture('valid/activatePaymentNotice.ok.xml')), {
      totalAmount: 12010,
      paymentDescription: 'TARI 2030',
      fiscalCodePA: '77777777777',
      companyName: 'Comune di Esempio',
      officeName: 'Ufficio Tributi',
      paymentToken: 'c110729d258c4ab1b765fe902aae41d6',
      transferList: [
        {
          idTransfer: 1,
          transferAmount: 10010,
          fiscalCodePA: '77777777777',
          IBAN: 'IT60X0542811101000000123456',
          remittanceInformation: 'TARI quota comunale',
          metadata: [{ key: 'capitolo', value: '1201' }],
        },
        {
          idTransfer: 2,
          transferAmount: 2000,
          fiscalCodePA: '88888888888',
          IBAN: 'IT02A0301503200000003517230',
          remittanceInformation: 'TEFA quota provinciale',
          metadata: [],
        },
      ],
      creditorReferenceId: '02000100000009407',
      standin: false,
    });
  });

  test('activatePaymentNoticeV2 with five transfers mixing IBAN and richiestaMarcaDaBollo', () => {
    const r = decodeResponse('activatePaymentNoticeV2', fixture('valid/activatePaymentNoticeV2.ok-5-transfers.xml'));
    assert.equal(r.totalAmount, 12500);
    assert.equal(r.paymentToken, 'a3c1e5b7d9f24e6a8c0b2d4f6e8a0c2e');
    assert.deepEqual(
      r.transferList.map((t) => [t.idTransfer, t.transferAmount, t.IBAN ?? null, t.richiestaMarcaDaBollo?.tipoBollo ?? null]),
      [
        [1, 10000, 'IT60X0542811101000000123456', null],
        [2, 1600, null, '01'],
        [3, 550, 'IT02A0301503200000003517230', null],
        [4, 50, null, null],
        [5, 300, 'IT40S0542811101000000123456', null],
      ],
    );
    const [first, stamp] = r.transferList;
    assert.equal(first!.companyName, 'Comune di Esempio');
    assert.equal(first!.transferCategory, '0101002IM');
    assert.deepEqual(first!.metadata, [
      { key: 'pratica', value: '42/2030' },
      { key: 'anno', value: '2030' },
    ]);
    assert.equal(stamp!.richiestaMarcaDaBollo!.provinciaResidenza, 'RM');
    assert.equal(Buffer.from(stamp!.richiestaMarcaDaBollo!.hashDocumento, 'base64').length, 32);
    assert.deepEqual(r.metadata, [{ key: 'canale', value: 'sportello' }]);
    assert.equal(r.suggestedUserFee, 100);
    assert.equal(r.suggestedPaFee, 50);
    assert.equal(r.suggestedIdBundle, 'bundle-0001');
    assert.equal(r.suggestedIdCiBundle, 'ci-bundle-0001');
    assert.equal(r.allCCP, false);
    assert.equal(r.standin, false);
    assert.equal(r.creditorReferenceId, '02000100000009407');
  });

  test('a default namespace on the body element is read like any prefix', () => {
    const r = decodeResponse('activatePaymentNoticeV2', fixture('valid/activatePaymentNoticeV2.ok-default-ns.xml'));
    assert.equal(r.paymentToken, 'tok-default-ns-0001');
    assert.equal(r.totalAmount, 3000);
    assert.equal(r.transferList.length, 1);
  });

  test('sendPaymentOutcome and V2 OK', () => {
    assert.deepEqual(decodeResponse('sendPaymentOutcome', fixture('valid/sendPaymentOutcome.ok.xml')), { outcome: 'OK' });
    assert.deepEqual(decodeResponse('sendPaymentOutcomeV2', fixture('valid/sendPaymentOutcomeV2.ok.xml')), { outcome: 'OK' });
  });

  test('verificaBollettino with allCCP per option and standin', () => {
    assert.deepEqual(decodeResponse('verificaBollettino', fixture('valid/verificaBollettino.ok.xml')), {
      paymentBollettinoList: [
        { amount: 5800, options: 'EQ', dueDate: '2030-06-30', paymentNote: 'Prima rata', allCCP: true },
        { amount: 11600, options: 'EQ', dueDate: undefined, paymentNote: undefined, allCCP: false },
      ],
      paymentDescription: 'Canone idrico 2030',
      fiscalCodePA: '77777777777',
      noticeNumber: '302000100000009407',
      companyName: 'Comune di Esempio',
      officeName: 'Servizio Idrico',
      standin: true,
    });
  });

  test('demandPaymentNotice returns the notice to activate', () => {
    const r = decodeResponse('demandPaymentNotice', fixture('valid/demandPaymentNotice.ok.xml'));
    assert.deepEqual(r.qrCode, { fiscalCode: '77777777777', noticeNumber: '302000100000009407' });
    assert.deepEqual(r.paymentList, [{ amount: 1600, options: 'EQ', dueDate: '2030-12-31', paymentNote: 'Versamento unico' }]);
    assert.equal(r.paymentDescription, "Diritti di segreteria carta d'identità");
  });

  test('the catalogue is base64-decoded and typed', () => {
    const r = decodeResponse('nodoChiediCatalogoServiziV2', fixture('valid/nodoChiediCatalogoServiziV2.ok.xml'));
    assert.deepEqual(
      r.servizi.map((s) => [s.idServizio, s.xsdRiferimento, s.categoria ?? null, s.soggettiEroganti.length]),
      [
        ['00001', 'Cie_1_0_0.xsd', 'Anagrafe', 2],
        ['00002', 'TassaAutomobilistica_1_1_0.xsd', null, 1],
      ],
    );
    assert.deepEqual(r.servizi[0]!.soggettiEroganti[0], {
      idSoggettoServizio: '00042',
      idDominio: '77777777777',
      denominazioneEnteCreditore: 'Comune di Esempio',
      dataInizioValidita: '2024-01-01',
      dataFineValidita: '2030-12-31',
      commissione: 'N',
    });
    assert.equal(r.servizi[0]!.descrizioneServizio, "Carta d'identità elettronica");
    assert.deepEqual(decodeResponse('nodoChiediCatalogoServiziV2', fixture('valid/nodoChiediCatalogoServiziV2.ok-empty.xml')), {
      servizi: [],
    });
  });
});

describe('lenient reading: unknown elements and odd namespaces', () => {
  test('unknown elements at every level and attributes are skipped', () => {
    const r = decodeResponse('activatePaymentNoticeV2', fixture('lenient/activatePaymentNoticeV2.extra-elements.xml'));
    assert.equal(r.paymentToken, 'tok-lenient-0001');
    assert.equal(r.transferList[0]!.transferAmount, 1000);
  });
  test('children inheriting a default namespace', () => {
    const r = decodeResponse('verifyPaymentNotice', fixture('lenient/verifyPaymentNotice.default-ns-inherited.xml'));
    assert.equal(r.paymentList[0]!.amount, 9999);
  });
  test('prefixed children and an unknown element inside the fault', () => {
    assert.throws(
      () => decodeResponse('sendPaymentOutcome', fixture('lenient/sendPaymentOutcome.ko-fault-extra.xml')),
      (e: unknown) =>
        e instanceof NodeFault && e.faultCode === 'PPT_SEMANTICA' && e.classification.messageKey === 'faults.PPT_SEMANTICA.multipleTokens',
    );
  });
  test('the same answer under four different prefixes decodes identically', () => {
    const base = fixture('valid/sendPaymentOutcomeV2.ko-esito-concorde.xml');
    const variants = ['ns2', 'nfp', 'nod', 'nfpsp'].map((p) => base.replaceAll('nfp:', `${p}:`).replace('xmlns:nfp=', `xmlns:${p}=`));
    const faults = variants.map((x) => {
      try {
        decodeResponse('sendPaymentOutcomeV2', x);
        return null;
      } catch (e) {
        return e instanceof NodeFault ? e.faultBean : e;
      }
    });
    for (const f of faults) assert.deepEqual(f, faults[0]);
    assert.equal((faults[0] as { faultCode: string }).faultCode, 'PPT_ESITO_GIA_ACQUISITO');
  });
});

describe('KO answers throw NodeFault with the whole fault bean', () => {
  test('every optional fault field', () => {
    assert.throws(
      () => decodeResponse('verifyPaymentNotice', fixture('valid/verifyPaymentNotice.ko-full-fault.xml')),
      (e: unknown) => {
        assert.ok(e instanceof NodeFault);
        assert.equal(e.code, 'NODE_FAULT');
        assert.equal(e.primitive, 'verifyPaymentNotice');
        assert.deepEqual(e.faultBean, {
          faultCode: 'PPT_ERRORE_EMESSO_DA_PAA',
          faultString: "Errore restituito dall'ente creditore",
          id: '77777777777',
          description: "L'ente ha risposto con un errore",
          serial: 1,
          originalFaultCode: 'PAA_PAGAMENTO_SCADUTO',
          originalFaultString: 'Pagamento scaduto',
          originalDescription: 'La posizione debitoria è scaduta il 2024-01-31',
        });
        assert.equal(e.classification.action, 'notice-unpayable');
        assert.equal(e.classification.messageKey, 'faults.PAA_PAGAMENTO_SCADUTO');
        assert.equal(e.retryable, false);
        assert.equal(e.sent, true);
        return true;
      },
    );
  });

  test('Esito concorde / discorde expose the outcome the node holds', () => {
    for (const [kind, action, agrees, outcome] of [
      ['concorde', 'outcome-accepted', true, 'OK'],
      ['discorde', 'outcome-discordant', false, 'KO'],
    ] as const) {
      assert.throws(
        () => decodeResponse('sendPaymentOutcomeV2', fixture(`valid/sendPaymentOutcomeV2.ko-esito-${kind}.xml`)),
        (e: unknown) =>
          e instanceof NodeFault &&
          e.classification.action === action &&
          e.classification.previousOutcome?.agrees === agrees &&
          e.classification.previousOutcome.data?.outcome === outcome &&
          e.classification.previousOutcome.data.paymentToken === 'a3c1e5b7d9f24e6a8c0b2d4f6e8a0c2e',
      );
    }
  });

  test('the PAA_ code named only in the description still classifies', () => {
    assert.throws(
      () => decodeResponse('activatePaymentNoticeV2', fixture('valid/activatePaymentNoticeV2.ko-paa-in-description.xml')),
      (e: unknown) =>
        e instanceof NodeFault &&
        e.classification.effectiveCode === 'PAA_PAGAMENTO_SCONOSCIUTO' &&
        e.classification.action === 'notice-unpayable',
    );
  });

  test('a late OK outcome is taken by the node', () => {
    assert.throws(
      () => decodeResponse('sendPaymentOutcome', fixture('valid/sendPaymentOutcome.ko-token-scaduto.xml')),
      (e: unknown) => e instanceof NodeFault && e.classification.action === 'outcome-late-accepted',
    );
  });
});

describe('garbage is a typed NodeBadResponse, never an untyped throw', () => {
  const cases: Array<[string, Primitive, BadResponseReason]> = [
    ['invalid/html-error-page.html', 'verifyPaymentNotice', 'not-xml'],
    ['invalid/plain-text.txt', 'sendPaymentOutcome', 'not-xml'],
    ['invalid/json.txt', 'sendPaymentOutcome', 'not-xml'],
    ['invalid/truncated.xml', 'verifyPaymentNotice', 'not-xml'],
    ['invalid/entity-bomb.xml', 'verifyPaymentNotice', 'not-xml'],
    ['invalid/not-soap.xml', 'verifyPaymentNotice', 'not-soap'],
    ['invalid/soap12-envelope.xml', 'verifyPaymentNotice', 'not-soap'],
    ['invalid/soap-fault.xml', 'sendPaymentOutcomeV2', 'soap-fault'],
    ['invalid/wrong-namespace.xml', 'verifyPaymentNotice', 'wrong-body'],
    ['invalid/empty-body.xml', 'verifyPaymentNotice', 'wrong-body'],
    ['valid/verifyPaymentNotice.ok.xml', 'activatePaymentNotice', 'wrong-body'],
    ['valid/sendPaymentOutcome.ok.xml', 'sendPaymentOutcomeV2', 'wrong-body'],
    ['invalid/no-outcome.xml', 'verifyPaymentNotice', 'bad-outcome'],
    ['invalid/outcome-maybe.xml', 'sendPaymentOutcome', 'bad-outcome'],
    ['invalid/ko-without-fault.xml', 'sendPaymentOutcome', 'bad-fault'],
    ['invalid/verify-bad-amount.xml', 'verifyPaymentNotice', 'bad-field'],
    ['invalid/verify-no-options.xml', 'verifyPaymentNotice', 'missing-field'],
    ['invalid/activate-no-token.xml', 'activatePaymentNotice', 'missing-field'],
    ['invalid/activate-transfers-disagree.xml', 'activatePaymentNotice', 'transfers-mismatch'],
    ['invalid/activate-bad-idtransfer.xml', 'activatePaymentNotice', 'bad-field'],
    ['invalid/catalogue-not-base64.xml', 'nodoChiediCatalogoServiziV2', 'bad-field'],
    ['invalid/catalogue-not-xml.xml', 'nodoChiediCatalogoServiziV2', 'bad-field'],
  ];
  for (const [file, primitive, reason] of cases) {
    test(`${file} as ${primitive} -> ${reason}`, () => {
      assert.throws(
        () => decodeResponse(primitive, fixture(file)),
        (e: unknown) =>
          e instanceof NodeBadResponse && e.code === 'NODE_BAD_RESPONSE' && e.reason === reason && e.retryable && e.primitive === primitive,
      );
    });
  }

  test('empty and whitespace bodies', () => {
    for (const body of ['', '   \n']) {
      assert.throws(
        () => decodeResponse('verifyPaymentNotice', body),
        (e: unknown) => e instanceof NodeBadResponse && e.reason === 'empty',
      );
    }
  });

  test('a SOAP Fault keeps its faultcode and faultstring', () => {
    assert.throws(
      () => decodeResponse('sendPaymentOutcomeV2', fixture('invalid/soap-fault.xml')),
      (e: unknown) =>
        e instanceof NodeBadResponse && e.details.faultcode === 'soapenv:Server' && e.details.faultstring === 'Internal Error',
    );
  });

  test('an activation whose transfers disagree keeps the token, so it can still get its KO outcome', () => {
    assert.throws(
      () => decodeResponse('activatePaymentNotice', fixture('invalid/activate-transfers-disagree.xml')),
      (e: unknown) => e instanceof NodeBadResponse && e.details.paymentToken === 'tok-disagree-01',
    );
  });

  test('amount strings the XSD pattern refuses are refused', () => {
    const ok = fixture('valid/verifyPaymentNotice.ok-minimal.xml');
    for (const amount of ['1.5', '1', '1.500', '-1.00', '1,00', '1e2', '1000000000.00', '']) {
      assert.throws(
        () => decodeResponse('verifyPaymentNotice', ok.replace('<amount>0.01</amount>', `<amount>${amount}</amount>`)),
        (e: unknown) => e instanceof NodeBadResponse,
        amount,
      );
    }
    const r = decodeResponse('verifyPaymentNotice', ok.replace('<amount>0.01</amount>', '<amount>01.50</amount>'));
    assert.equal(r.paymentList[0]!.amount, 150);
  });

  test('random bytes never escape as untyped errors', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const valid = fixture('valid/activatePaymentNoticeV2.ok-5-transfers.xml');
    for (let i = 0; i < 300; i++) {
      // Cut the valid answer at a random point and splice in random characters.
      const at = next() % valid.length;
      const junk = String.fromCharCode(...Array.from({ length: next() % 8 }, () => next() % 128));
      const mangled = valid.slice(0, at) + junk + valid.slice(at + (next() % 20));
      try {
        decodeResponse('activatePaymentNoticeV2', mangled);
      } catch (e) {
        assert.ok(e instanceof NodeBadResponse || e instanceof NodeFault, `untyped: ${String(e)}`);
      }
    }
  });
});
