/** What a handler is given and must return: the request as its schema parsed it, the response before its schema checks it. */
import type { z } from 'zod';
import type { Core } from '../../core/core';
import type { CALLS, CallName } from '../calls';
import type { DeviceStatus } from '../events';
import type { NodeWatch } from '../node-watch';

export type HandlerOf<N extends CallName> = (
  request: z.output<(typeof CALLS)[N]['request']>,
) => z.input<(typeof CALLS)[N]['response']> | Promise<z.input<(typeof CALLS)[N]['response']>>;

export type Handlers<K extends CallName = CallName> = { [N in K]: HandlerOf<N> };

export interface HandlerContext {
  core: Core;
  nodeWatch: NodeWatch;
  devices(): DeviceStatus;
  /** Tell listeners the outbox moved (after a retry or reset the worker may not report at once). */
  outboxChanged(): void;
  /** ISO time the API was created: what system.info reports as the start. */
  startedAt: string;
}
