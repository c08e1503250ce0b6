/**
 * Typed access to the simulator's records over a KvStore. Every read returns a fresh copy: callers
 * change it and `put` it back, inside `transaction` when several records change together.
 */
import type { KvStore, RecordKind } from './store/types';
import type { Creditor, IdempotencyRecord, Position, Service, Session } from './model';

export class SimState {
  constructor(private readonly kv: KvStore) {}

  creditor(fiscalCode: string): Creditor | undefined {
    return this.read('creditor', fiscalCode);
  }
  creditors(): Creditor[] {
    return this.all('creditor');
  }
  putCreditor(c: Creditor): void {
    this.write('creditor', c.fiscalCode, c);
  }

  position(fiscalCode: string, noticeNumber: string): Position | undefined {
    return this.read('position', `${fiscalCode}/${noticeNumber}`);
  }
  positions(): Position[] {
    return this.all('position');
  }
  putPosition(p: Position): void {
    this.write('position', `${p.fiscalCode}/${p.noticeNumber}`, p);
  }

  session(paymentToken: string): Session | undefined {
    return this.read('session', paymentToken);
  }
  putSession(s: Session): void {
    this.write('session', s.paymentToken, s);
  }

  idempotency(idPSP: string, key: string): IdempotencyRecord | undefined {
    return this.read('idempotency', `${idPSP}/${key}`);
  }
  putIdempotency(r: IdempotencyRecord): void {
    this.write('idempotency', `${r.idPSP}/${r.key}`, r);
  }

  services(): Service[] {
    return this.all('service');
  }
  putService(s: Service): void {
    this.write('service', s.idServizio, s);
  }

  meta<T>(key: string, fallback: T): T {
    return this.read<T>('meta', key) ?? fallback;
  }
  setMeta(key: string, value: unknown): void {
    this.write('meta', key, value);
  }

  transaction<T>(fn: () => T): T {
    return this.kv.transaction(fn);
  }
  clear(): void {
    this.kv.clear();
  }
  close(): void {
    this.kv.close();
  }

  private read<T>(kind: RecordKind, key: string): T | undefined {
    const text = this.kv.get(kind, key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
  private all<T>(kind: RecordKind): T[] {
    return this.kv.list(kind).map((t) => JSON.parse(t) as T);
  }
  private write(kind: RecordKind, key: string, value: unknown): void {
    this.kv.put(kind, key, JSON.stringify(value));
  }
}
