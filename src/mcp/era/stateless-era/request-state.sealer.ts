import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ErrorCode, type McpError, McpRequestError } from '../../protocol/mcp.error.js';

/** What a sealed requestState carries between rounds of an input-required exchange. */
export interface RequestStatePayload {
  /** `principalKey()` of the principal the state was minted for: no other principal can use it. */
  principal: string;
  /** `method` + target (tool, prompt or resource) it belongs to. */
  target: string;
  /** Answers gathered in earlier rounds, by input key. */
  answers: Record<string, unknown>;
  /** Expiry, ms since epoch. */
  expiresAt: number;
}

function invalidState(reason: string): McpError {
  return new McpRequestError(ErrorCode.InvalidParams, 'Invalid requestState', { reason });
}

/**
 * Seals requestState with HMAC-SHA256 so a client can carry it but not alter it. Replicas
 * must share the secret (the `stateSecret` option); without one, a random per-process key.
 */
export class RequestStateSealer {
  private readonly key: Buffer;

  constructor(secret?: string | Buffer) {
    this.key = secret === undefined ? randomBytes(32) : Buffer.from(secret);
  }

  seal(payload: RequestStatePayload): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** Opens a state minted for this principal and target, or throws -32602. */
  open(state: unknown, principal: string, target: string, now = Date.now()): RequestStatePayload {
    if (typeof state !== 'string') throw invalidState('not a string');
    const dot = state.indexOf('.');
    const body = state.slice(0, dot);
    const mac = Buffer.from(state.slice(dot + 1));
    const expected = Buffer.from(this.mac(body));
    if (dot < 0 || mac.length !== expected.length || !timingSafeEqual(mac, expected))
      throw invalidState('signature mismatch');
    const payload = JSON.parse(
      Buffer.from(body, 'base64url').toString('utf8'),
    ) as RequestStatePayload;
    if (payload.principal !== principal) throw invalidState('minted for another principal');
    if (payload.target !== target) throw invalidState('minted for another request');
    if (payload.expiresAt < now) throw invalidState('expired');
    return payload;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
