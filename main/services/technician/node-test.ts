/**
 * "Does this configuration reach the node?", answered exactly: the catalogue request (it changes
 * nothing at the node) with the settings being edited, and the first thing that failed: the name
 * did not resolve, nothing listens, no answer in time, TLS, the gateway's HTTP status (401: the
 * subscription key), or the node's own fault code (PPT_AUTENTICAZIONE: the password...).
 */
import { NodeClient, NodeConfigInvalid, NodeHttpError, NodeNoResponse, NodeUnreachable } from '../../node';
import { NodeBadResponse, NodeFault, RequestInvalid } from '../../protocol/errors';
import type { Config } from '../../config';

export type NodeTestFailure =
  | { kind: 'dns' | 'refused' | 'unreachable' | 'connect-timeout' | 'tls' | 'connection'; message: string }
  | { kind: 'timeout' | 'connection-lost'; message: string }
  | { kind: 'http'; httpStatus: number; message: string }
  | { kind: 'fault'; faultCode: string; messageKey: string; message: string }
  | { kind: 'bad-response' | 'config' | 'other'; message: string };

export interface NodeTestResult {
  ok: boolean;
  /** The endpoint tried, without user info or query values. */
  endpoint: string;
  credentials: 'stored' | 'typed' | 'none';
  durationMs: number;
  failure: NodeTestFailure | null;
}

export const NODE_TEST_TIMEOUT_MS = 10_000;

export async function testNode(
  node: Config['node'],
  now: () => number = Date.now,
  timeoutMs = NODE_TEST_TIMEOUT_MS,
  credentials: NodeTestResult['credentials'] = 'stored',
): Promise<NodeTestResult> {
  let endpoint = node.endpoint;
  try {
    const u = new URL(node.endpoint);
    endpoint = `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    // reported below by the client's own check
  }
  const started = now();
  let client: NodeClient | null = null;
  try {
    client = new NodeClient({ ...node, timeoutsMs: { ...node.timeoutsMs, nodoChiediCatalogoServiziV2: timeoutMs } });
    await client.nodoChiediCatalogoServiziV2({});
    return { ok: true, endpoint, credentials, durationMs: now() - started, failure: null };
  } catch (e) {
    return { ok: false, endpoint, credentials, durationMs: now() - started, failure: failureOf(e) };
  } finally {
    client?.close();
  }
}

export function failureOf(e: unknown): NodeTestFailure {
  const message = e instanceof Error ? e.message.slice(0, 300) : String(e);
  if (e instanceof NodeUnreachable) return { kind: e.reason === 'other' ? 'connection' : e.reason, message };
  if (e instanceof NodeNoResponse) return { kind: e.reason, message };
  if (e instanceof NodeHttpError) return { kind: 'http', httpStatus: e.status, message };
  if (e instanceof NodeFault) return { kind: 'fault', faultCode: e.faultCode, messageKey: e.classification.messageKey, message };
  if (e instanceof NodeBadResponse) return { kind: 'bad-response', message };
  if (e instanceof NodeConfigInvalid || e instanceof RequestInvalid) return { kind: 'config', message };
  return { kind: 'other', message };
}
