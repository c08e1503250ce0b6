/** What the technician screens show about the terminal itself. Secrets are masked before anything leaves. */
import { redactConfig } from '../../config';
import { redactEndpoint } from '../../node';
import { CONTRACT_VERSION } from '../../contract/calls';
import { sportelloVersion } from '../../services/version';
import type { HandlerContext, Handlers } from './types';

type SystemCalls = 'config.get' | 'system.info' | 'node.status' | 'devices.status';

export function systemHandlers(ctx: HandlerContext): Handlers<SystemCalls> {
  const { core } = ctx;
  return {
    'config.get': () => {
      const config = redactConfig(core.config);
      config.node.endpoint = redactEndpoint(new URL(config.node.endpoint));
      return { mode: core.mode, config };
    },
    'system.info': () => ({
      mode: core.mode,
      contractVersion: CONTRACT_VERSION,
      versions: { sportello: sportelloVersion(), node: process.versions.node, databaseSchema: core.db.schemaVersion },
      dataDir: core.dataDir,
      terminal: { id: core.config.terminal.id, kind: core.config.terminal.kind, locale: core.config.terminal.locale },
      nodeEndpoint: redactEndpoint(new URL(core.config.node.endpoint)),
      startedAt: ctx.startedAt,
      recovery: core.recovery,
      clock: core.clockGuard.status(),
    }),
    'node.status': () => ctx.nodeWatch.get(),
    'devices.status': () => ctx.devices(),
  };
}
