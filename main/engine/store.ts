/**
 * Maps the engine's SessionState to db/'s rows and back. The state machine knows nothing of SQL;
 * the repositories know nothing of transitions. `save` writes only what a transition changed.
 */
import type { Json, NoticeRecord, SessionKind, SessionRecord, SportelloDatabase } from '../../db';
import type { TransferV2 } from '../protocol';
import type { Activation, NoticePhase, NoticeService, NoticeState, SessionState, SessionStatus } from './types';

/** A notice removed from the cart keeps its row (the journal refers to it) under this phase. */
const REMOVED = 'removed';

export interface LoadedSession {
  state: SessionState;
  record: SessionRecord;
  notices: NoticeRecord[];
}

/**
 * The notice's `transfers` column keeps what the activation answer said beyond the amounts: the
 * transfer list (an @e.bollo stamp transfer decides the OK's documents) and the Stand-In flag (it
 * decides the refund report code), as `{ list, standin }`. A bare array (none written so far) is a list.
 */
interface ActivationFacts {
  list: TransferV2[];
  standin: boolean;
}

function factsOf(json: unknown): ActivationFacts {
  if (Array.isArray(json)) return { list: json as TransferV2[], standin: false };
  if (json && typeof json === 'object') {
    const o = json as Partial<ActivationFacts>;
    return { list: Array.isArray(o.list) ? o.list : [], standin: o.standin === true };
  }
  return { list: [], standin: false };
}

function activationFromRecord(a: NonNullable<NoticeRecord['activation']>, fiscalCode: string): Activation {
  const facts = factsOf(a.transfers);
  return {
    paymentToken: a.paymentToken,
    expiresAtMs: a.expiresAtMs,
    durationMs: a.durationMs,
    creditorReferenceId: a.creditorReferenceId ?? '',
    totalAmountCents: a.totalAmountCents,
    companyName: a.companyName ?? '',
    description: a.description ?? '',
    fiscalCodePA: a.fiscalCodePA ?? fiscalCode,
    transfers: facts.list,
    standin: facts.standin,
    ...(a.suggestedUserFeeCents !== null
      ? {
          bundle: {
            userFeeCents: a.suggestedUserFeeCents,
            paFeeCents: a.suggestedPaFeeCents,
            idBundle: a.suggestedIdBundle,
            idCiBundle: a.suggestedIdCiBundle,
          },
        }
      : {}),
  };
}

function noticeFromRecord(r: NoticeRecord): NoticeState {
  const v = r.verification;
  const a = r.activation;
  return {
    id: r.position,
    ref: {
      fiscalCode: r.fiscalCode,
      noticeNumber: r.noticeNumber,
      scannedAmountCents: r.payloadAmountCents,
      source: r.payloadKind,
      postalAccount: r.postalAccount,
      ...(r.service ? { service: r.service as unknown as NoticeService } : {}),
    },
    phase: r.phase as NoticePhase,
    verification: v && {
      amountCents: v.amountCents,
      description: v.description ?? '',
      companyName: v.companyName ?? '',
      officeName: v.officeName,
      dueDate: v.dueDate,
      standin: v.standin ?? false,
    },
    activation: a && activationFromRecord(a, r.fiscalCode),
    amountChanged: v !== null && r.payloadAmountCents !== null && r.payloadAmountCents !== v.amountCents,
    lastError: (r.lastError as NoticeState['lastError']) ?? null,
    creditorReportCode: r.creditorReportCode,
  };
}

export function loadSession(db: SportelloDatabase, id: string): LoadedSession | null {
  const record = db.sessions.get(id);
  if (!record) return null;
  const rows = db.notices.listBySession(id);
  const notices = rows.filter((n) => n.phase !== REMOVED);
  const state: SessionState = {
    id,
    status: record.state as SessionStatus,
    notices: notices.map(noticeFromRecord).sort((x, y) => x.id - y.id),
    // Removed notices keep their row and position: a new notice never takes one of theirs.
    nextNoticeId: rows.reduce((m, n) => Math.max(m, n.position), 0) + 1,
    tender: record.tender,
    decisionReason: record.decisionReason,
  };
  return { state, record, notices };
}

export function createSession(
  db: SportelloDatabase,
  s: SessionState,
  kind: SessionKind,
  terminalId: string,
  operatorId: string | null,
  shiftId: string | null = null,
): SessionRecord {
  return db.sessions.create({ id: s.id, state: s.status, kind, terminalId, operatorId, shiftId });
}

function outcomeStateOf(phase: NoticePhase): NoticeRecord['outcomeState'] {
  switch (phase) {
    case 'ok-queued':
    case 'ko-queued':
      return 'queued';
    case 'accepted':
    case 'ko-delivered':
      return 'accepted';
    case 'accepted-late':
      return 'accepted-late';
    case 'refund-required':
      return 'refund-required';
    case 'needs-decision':
      return 'needs-decision';
    default:
      return 'none';
  }
}

/** Writes the difference between `before` (as loaded) and `after`; call inside a transaction. */
export function saveSession(db: SportelloDatabase, loaded: LoadedSession, after: SessionState): void {
  const byPosition = new Map(loaded.notices.map((n) => [n.position, n]));
  const before = new Map(loaded.state.notices.map((n) => [n.id, n]));
  for (const n of after.notices) {
    let row = byPosition.get(n.id);
    if (!row) {
      row = db.notices.add(loaded.state.id, {
        position: n.id,
        payloadKind: n.ref.source,
        payloadAmountCents: n.ref.scannedAmountCents,
        postalAccount: n.ref.postalAccount ?? null,
        service: (n.ref.service as unknown as Json | undefined) ?? null,
        fiscalCode: n.ref.fiscalCode,
        noticeNumber: n.ref.noticeNumber,
        phase: n.phase,
      });
    }
    const old = before.get(n.id);
    if (n.verification && !old?.verification) {
      db.notices.recordVerification(row.id, { ...n.verification, standin: n.verification.standin });
    }
    if (n.activation && !old?.activation) {
      const { transfers, standin, bundle, ...plain } = n.activation;
      db.notices.recordActivation(row.id, {
        ...plain,
        transfers: { list: transfers ?? [], standin: standin ?? false } as unknown as Json,
        suggestedUserFeeCents: bundle?.userFeeCents ?? null,
        suggestedPaFeeCents: bundle?.paFeeCents ?? null,
        suggestedIdBundle: bundle?.idBundle ?? null,
        suggestedIdCiBundle: bundle?.idCiBundle ?? null,
      });
    }
    if (!old || old.phase !== n.phase || old.lastError !== n.lastError || old.creditorReportCode !== n.creditorReportCode) {
      db.notices.update(row.id, {
        phase: n.phase,
        outcomeState: outcomeStateOf(n.phase),
        lastError: (n.lastError as unknown as Json) ?? null,
        creditorReportCode: n.creditorReportCode,
      });
    }
  }
  const kept = new Set(after.notices.map((n) => n.id));
  for (const old of loaded.state.notices) {
    const row = byPosition.get(old.id);
    if (!kept.has(old.id) && row) db.notices.update(row.id, { phase: REMOVED });
  }
  const s = loaded.record;
  if (s.state !== after.status || s.tender !== after.tender || s.decisionReason !== after.decisionReason) {
    db.sessions.update(s.id, s.version, {
      state: after.status,
      tender: after.tender,
      decisionReason: after.decisionReason,
      refundRequired: after.status === 'refund-required',
    });
  }
}
