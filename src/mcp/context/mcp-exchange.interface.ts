import type { IncomingMessage } from 'node:http';
import type { ClientKey } from '../security/client-key.js';
import type { McpPrincipal } from '../security/principal.interface.js';
import type { JsonRpcId } from '../protocol/jsonrpc.types.js';
import type { LogLevel } from './log-level.js';
import type { McpEra } from '../protocol/era.js';
export type { McpEra } from '../protocol/era.js';

/** The client's `clientInfo` (`Implementation`): name and version, maybe title, icons… */
export interface McpClientInfo {
  readonly name?: string;
  readonly version?: string;
  readonly title?: string;
  readonly [key: string]: unknown;
}

/** Server→client requests a handler may need answered (elicitation, sampling, roots). */
export type InputMethod = 'elicitation/create' | 'sampling/createMessage' | 'roots/list';

/**
 * One request in flight, as the era adapters present it to the era-agnostic core:
 * who asks, under which version and capabilities, and how to talk back on its stream.
 */
export interface McpExchange {
  readonly era: McpEra;
  readonly protocolVersion: string;
  readonly requestId: JsonRpcId;
  readonly method: string;
  readonly principal: McpPrincipal;
  /** Whom per-tool rate limits count against: the principal, or an anonymous client's address. */
  readonly clientKey: ClientKey;
  readonly clientCapabilities: Record<string, unknown>;
  /** From `initialize` (session era) or the request's `_meta` (stateless era), when sent. */
  readonly clientInfo?: McpClientInfo;
  /** The HTTP request that carried this message; absent on stdio. */
  readonly httpRequest?: IncomingMessage;
  readonly sessionId?: string;
  /** The request's `params._meta`. */
  readonly meta: Record<string, unknown>;
  readonly signal: AbortSignal;
  /** The lowest log level the client asked for on this request; undefined: send no logs. */
  readonly logLevel: LogLevel | undefined;
  /** Sends a notification related to this request on its own response stream. */
  notify(method: string, params: Record<string, unknown>): void;
  /**
   * Asks the client for input: a live server→client request in the session era, an
   * input-required round trip in the stateless era. `key` names the input across retries.
   */
  input(
    method: InputMethod,
    params: Record<string, unknown>,
    key?: string,
  ): Promise<Record<string, unknown>>;
  /** Closes the response stream's connection (resumable streams only); a no-op elsewhere. */
  disconnect(): void;
}
