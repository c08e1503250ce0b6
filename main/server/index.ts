export { startServer } from './server';
export type { LoopbackServer, ServerOptions } from './server';
export { ServerBindRefused, ServerListenFailed } from './errors';
export { contentSecurityPolicy } from './static';
export { CORE_FILE, coreFile, processAlive, readCoreAddress, removeCoreAddress, writeCoreAddress } from './address';
export type { CoreAddress } from './address';
export { AUTH_HEADER } from './http-api';
