/**
 * `/ws`: one WebSocket per client. A text message `{ id, call, request, auth? }` (auth: the caller's
 * technician or operator token, checked by the core's gate) is answered with
 * `{ id, result }` (calls run concurrently, answers come in completion order). Each socket is one
 * connection of the core (`api.connect`), which pushes it `{ event, payload }` only for the events
 * its caller may see: the credentials it presented and the sessions it started decide
 * (main/api/audience.ts). A message that cannot be read is answered with
 * `{ id: null, result: REQUEST_INVALID }`, keeping the connection.
 */
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import type { CallMessage, ServerMessage } from '../contract/client';
import type { Connection, CoreApi } from '../api/core-api';
import { CONTRACT_CODES } from '../contract/result';

export const WS_PATH = '/ws';

type Reply = Extract<ServerMessage, { result: unknown }>;

const invalid = (id: CallMessage['id'] | null, message: string): Reply => ({
  id,
  result: { ok: false, error: { code: CONTRACT_CODES.requestInvalid, message } },
});

function readCall(data: RawData, isBinary: boolean): CallMessage | Reply {
  if (isBinary) return invalid(null, 'messages are JSON text');
  let msg: unknown;
  try {
    msg = JSON.parse(data.toString());
  } catch {
    return invalid(null, 'the message is not valid JSON');
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return invalid(null, 'a message is an object { id, call, request }');
  const { id, call, request, auth } = msg as Record<string, unknown>;
  const idOk = (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && id.length > 0 && id.length <= 64);
  if (!idOk) return invalid(null, 'id: a message needs an integer or short string id');
  if (typeof call !== 'string') return invalid(id as CallMessage['id'], 'call: the call name is missing');
  if (auth !== undefined && (typeof auth !== 'string' || auth.length > 128))
    return invalid(id as CallMessage['id'], 'auth: a credential is a short string');
  return { id: id as CallMessage['id'], call, request, ...(typeof auth === 'string' ? { auth } : {}) };
}

export function createWsApi(api: CoreApi, maxPayload: number) {
  const wss = new WebSocketServer({ noServer: true, maxPayload, clientTracking: true });
  const send = (ws: WebSocket, m: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };

  const connections = new Set<Connection>();
  wss.on('connection', (ws) => {
    const connection = api.connect((event, payload) => send(ws, { event, payload }));
    connections.add(connection);
    ws.on('close', () => {
      connection.close();
      connections.delete(connection);
    });
    ws.on('error', () => undefined); // a client's broken frame closes its own socket, nothing more
    ws.on('message', (data, isBinary) => {
      const m = readCall(data, isBinary);
      if ('result' in m) return send(ws, m);
      void connection.dispatch(m.call, m.request, m.auth ?? null).then((result) => send(ws, { id: m.id, result }));
    });
  });

  return {
    wss,
    async close(): Promise<void> {
      for (const c of connections) c.close();
      connections.clear();
      for (const ws of wss.clients) ws.close(1001, 'sportello is stopping');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const ws of wss.clients) ws.terminate();
    },
  };
}
