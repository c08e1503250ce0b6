/** What a handler is given and must return: the request as its schema parsed it, the response before its schema checks it. */
import type { z } from 'zod';
import type { Core } from '../../core/core';
import type { OperatorAccounts } from '../../services/access/operators';
import type { Principal } from '../../services/access/principal';
import type { CALLS, CallName } from '../../contract/calls';
import type { DeviceStatus } from '../../contract/events';
import type { NodeWatch } from '../../services/node-watch';
import type { PrintTimeouts } from '../../services/certificate';
import type { PrintService } from '../../services/printer/service';
import type { TechnicianAccess } from '../../services/access/technician';
import type { CatalogueService } from '../../services/catalogue/store';
import type { FleetService } from '../../services/fleet/service';

/** `caller`: who the gate admitted (main/api/gate.ts), for the journal and data-dependent rules. */
export type HandlerOf<N extends CallName> = (
  request: z.output<(typeof CALLS)[N]['request']>,
  caller: Principal,
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
  /** The technician PIN and tokens, and the operator accounts: the gate's sources. */
  technician: TechnicianAccess;
  operators: OperatorAccounts;
  /** Printer timeouts for this API's prints (the CLI passes its own); the drivers' defaults otherwise. */
  printTimeouts: PrintTimeouts;
  /** The core's print queue in front of the configured printer. */
  printing: PrintService;
  /** The kept service catalogue (spontaneous payments): search, find, refresh. */
  catalogue: CatalogueService;
  /** The fleet shipper; `runs`: this API ships (a shell, `serve`), else it only stores settings. */
  fleet: { service: FleetService; runs: boolean };
}
