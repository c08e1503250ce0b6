export { startServer } from './server';
export type { LoopbackServer, ServerOptions } from './server';
export { ServerBindRefused, ServerListenFailed } from './errors';
export { contentSecurityPolicy } from './static';
