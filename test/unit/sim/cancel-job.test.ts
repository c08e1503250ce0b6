import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelJob } from '../../../sim/cancel-job';
import { SimState } from '../../../sim/state';
import { memoryStore } from '../../../sim/store/memory';
import type { Session } from '../../../sim/model';

const session = (expiresAt: number): Session => ({
  paymentToken: 'a'.repeat(32),
  fiscalCode: '77777777777',
  noticeNumber: '301000000000000000',
  idPSP: 'P',
  idBrokerPSP: 'B',
  idChannel: 'C',
  operation: 'activatePaymentNoticeV2',
  amountCents: 100,
  activatedAt: 0,
  expiresAt,
  received: [],
});

test('by its period: a token is released exactly one period after its expiry, never before', () => {
  const job = new CancelJob(new SimState(memoryStore()), 60_000);
  const s = session(1_000);
  assert.equal(job.released(s, 999), false, 'not expired');
  assert.equal(job.released(s, 1_000), false, 'expired, job not run yet');
  assert.equal(job.released(s, 60_999), false);
  assert.equal(job.released(s, 61_000), true);
  assert.equal(job.releaseAt(s), 61_000);
});

test('run now releases what expired up to that moment only; period 0 waits for a run', () => {
  const state = new SimState(memoryStore());
  const job = new CancelJob(state, 0);
  const early = session(1_000);
  const later = session(5_000);
  assert.equal(job.released(early, 1_000_000), false, 'period 0: never by itself');
  job.runNow(2_000);
  assert.equal(job.released(early, 2_000), true);
  assert.equal(job.released(later, 6_000), false, 'expired after the run');
  assert.equal(job.lastRunAt(), 2_000);
});
