/**
 * The contract's public face, browser-safe: calls, events, schemas, results and the client.
 * The in-process implementation (node only) is main/api/core-api.ts; the services behind it are
 * main/services/.
 */
export { CALLS, CALL_NAMES, CONTRACT_VERSION, isCallName, systemInfoSchema } from './calls';
export type { CallName, RequestOf, ResponseOf, SystemInfo } from './calls';
export { EVENTS, EVENT_NAMES, isEventName, outboxStatusSchema, deviceStatusSchema, nodeStatusSchema } from './events';
export type { EventName, EventPayload, OutboxStatus, DeviceStatus, NodeStatus } from './events';
export * from './schemas';
export { CONTRACT_CODES, contractErrorSchema, ok, fail, requestInvalid, toContractError } from './result';
export type { CallResult, ContractError } from './result';
export { WebSocketClient } from './client';
export type { ContractClient, CallMessage, ServerMessage, SocketLike, WebSocketClientOptions } from './client';
