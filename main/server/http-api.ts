/**
 * `POST /api/<call>` with a JSON body (the request; empty means `{}`) answers the call's
 * CallResult. The HTTP status says what happened to the request, the body what happened to the
 * call: 200 whenever the call ran (its result may still be `ok: false`), 400 when the body is not
 * JSON or the call name is not valid percent-encoding, 404 for an unknown call, 405/413/415 for the wrong method, size or content type.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CoreApi } from '../api/core-api';
import type { CallName } from '../contract/calls';
import { CONTRACT_CODES } from '../contract/result';
import { tokensEqual } from './guard';
import { sendError, sendJson } from './respond';

export const API_PREFIX = '/api/';
/** The header carrying the caller's credential (lower case: how node reports it). */
export const AUTH_HEADER = 'sportello-auth';

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume(); // drain what remains so the refusal can be read
        reject(new BodyTooLarge());
      } else {
        chunks.push(c);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  api: CoreApi,
  maxBodyBytes: number,
  owner: string | null = null,
): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'calls are POST requests', { Allow: 'POST' });
  let name: string;
  try {
    name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(API_PREFIX.length));
  } catch {
    // A malformed percent-escape (`%E0%A4%A`) is the client's mistake, not the server's.
    return sendError(res, 400, CONTRACT_CODES.requestInvalid, 'the call name is not a valid percent-encoded path');
  }
  let body: Buffer;
  try {
    body = await readBody(req, maxBodyBytes);
  } catch (e) {
    if (e instanceof BodyTooLarge)
      return sendError(res, 413, 'REQUEST_TOO_LARGE', `requests are limited to ${maxBodyBytes} bytes`, { Connection: 'close' });
    return sendError(res, 400, CONTRACT_CODES.requestInvalid, 'the request body could not be read');
  }
  let request: unknown = undefined;
  if (body.length > 0) {
    // A browser form or a simple cross-site request cannot send application/json: asking for it closes that door too.
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return sendError(res, 415, 'CONTENT_TYPE_UNSUPPORTED', 'the body must be application/json');
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, 400, CONTRACT_CODES.requestInvalid, 'the body is not valid JSON');
    }
  }
  // The caller's technician or operator token; the core's gate decides what it may do.
  const auth = req.headers[AUTH_HEADER];
  const credential = typeof auth === 'string' ? auth : null;
  // The owner's credential from the address file (address.ts): the call runs as the in-process API
  // does, as the terminal's local owner (`api.call` checks the name like `dispatch`). Anything else
  // goes to the gate.
  const result =
    owner !== null && credential !== null && tokensEqual(credential, owner)
      ? await api.call(name as CallName, request as never)
      : await api.dispatch(name, request, credential);
  sendJson(res, !result.ok && result.error.code === CONTRACT_CODES.callUnknown ? 404 : 200, result);
}
