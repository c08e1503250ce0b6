/**
 * Node connectivity as staff see it: reachable once the node answered anything (even a fault),
 * unreachable when a request could not get an answer, unknown before the first exchange.
 *
 * Fed by `observeNodeCalls`, which wraps the core's NodeClient `call` (every primitive goes through
 * it). That wrapper is a stopgap: once the core forwards the client's `onExchange` hook, feed
 * `NodeWatch.observe` from there instead and drop the wrapper (see README).
 */
import { NodeFault, NodeBadResponse, NodeHttpError, NodeNoResponse, NodeUnreachable } from '../node';
import type { NodeClient } from '../node';
import type { NodeStatus } from '../contract/events';

/** One exchange: answered (any answer from the node or its gateway) or not, and why not. */
export type ExchangeOutcome = { answered: true } | { answered: false; code: string };

/** What a failed call says about the node; null when nothing was sent (a local refusal). */
export function outcomeOf(e: unknown): ExchangeOutcome | null {
  if (e instanceof NodeFault || e instanceof NodeBadResponse) return { answered: true };
  // A 5xx comes from the gateway in front of a node that is down; below that the node's side did answer.
  if (e instanceof NodeHttpError) return e.status >= 500 ? { answered: false, code: e.code } : { answered: true };
  if (e instanceof NodeUnreachable || e instanceof NodeNoResponse) return { answered: false, code: e.code };
  return null;
}

export class NodeWatch {
  private status: NodeStatus = { state: 'unknown', lastExchangeAtMs: null, lastErrorCode: null };

  constructor(
    private readonly now: () => number,
    private readonly changed: (status: NodeStatus) => void,
  ) {}

  get(): NodeStatus {
    return { ...this.status };
  }

  observe(outcome: ExchangeOutcome): void {
    this.status = outcome.answered
      ? { state: 'reachable', lastExchangeAtMs: this.now(), lastErrorCode: null }
      : { state: 'unreachable', lastExchangeAtMs: this.now(), lastErrorCode: outcome.code };
    this.changed(this.get());
  }
}

/** Reports every call's outcome to `observe`; returns the function that puts the client back as it was. */
export function observeNodeCalls(node: NodeClient, observe: (o: ExchangeOutcome) => void): () => void {
  const own = Object.prototype.hasOwnProperty.call(node, 'call');
  const original = node.call;
  const report = (o: ExchangeOutcome | null) => {
    try {
      if (o) observe(o);
    } catch {
      // watching must never change the outcome of a payment call
    }
  };
  node.call = async function watched(this: NodeClient, primitive, request) {
    try {
      const result = await original.call(this, primitive, request);
      report({ answered: true });
      return result;
    } catch (e) {
      report(outcomeOf(e));
      throw e;
    }
  } as NodeClient['call'];
  return () => {
    if (own) node.call = original;
    else delete (node as Partial<Pick<NodeClient, 'call'>>).call;
  };
}
