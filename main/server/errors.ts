/** Why the loopback server would not start. */
import { SportelloError } from '../../kernel/errors';

/** The API drives payments: it is served on 127.0.0.1 and nowhere else, whatever is asked. */
export class ServerBindRefused extends SportelloError {
  declare readonly code: 'SERVER_BIND_REFUSED';
  constructor(host: string) {
    super('SERVER_BIND_REFUSED', `the API listens on 127.0.0.1 only, not on ${JSON.stringify(host)}`, { details: { host } });
  }
}

export class ServerListenFailed extends SportelloError {
  declare readonly code: 'SERVER_LISTEN_FAILED';
  constructor(port: number, reason: string, cause: unknown) {
    super('SERVER_LISTEN_FAILED', `cannot listen on 127.0.0.1:${port} (${reason})`, {
      retryable: reason === 'EADDRINUSE',
      details: { port, reason },
      cause,
    });
  }
}
