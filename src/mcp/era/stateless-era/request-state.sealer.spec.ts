import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { McpRequestError, type McpError } from '../../protocol/mcp.error.js';
import { httpStatusOf } from '../../transport/http/http-status.table.js';
import { RequestStateSealer, type RequestStatePayload } from './request-state.sealer.js';

const NOW = 1_800_000_000_000;
const payload: RequestStatePayload = {
  principal: 'agent:alice',
  target: 'tools/call:conjugate',
  answers: { elicitation_1: { action: 'accept', content: { tense: 'preterite' } } },
  expiresAt: NOW + 60_000,
};

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    // A refusal of the request as sent: the HTTP edge answers it with 400 in the stateless era.
    expect(error).toBeInstanceOf(McpRequestError);
    const mcp = error as McpError;
    expect(mcp.code).toBe(-32602);
    expect(httpStatusOf(mcp, 'stateless')).toBe(400);
    expect(mcp.message).toBe('Invalid requestState');
    return (mcp.data as { reason: string }).reason;
  }
  throw new Error('expected the state to be refused');
}

describe('RequestStateSealer', () => {
  const sealer = new RequestStateSealer(randomBytes(32));
  const state = sealer.seal(payload);

  it('opens what it sealed for the same principal and target', () => {
    expect(sealer.open(state, payload.principal, payload.target, NOW)).toEqual(payload);
  });

  it('produces a body.mac token of URL-safe characters', () => {
    expect(state).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('opens a state sealed by another replica sharing the secret, and refuses one with another secret', () => {
    const secret = randomBytes(32).toString('hex');
    const shared = new RequestStateSealer(secret).seal(payload);
    expect(
      new RequestStateSealer(secret).open(shared, payload.principal, payload.target, NOW),
    ).toEqual(payload);
    expect(
      reasonOf(() => new RequestStateSealer().open(shared, payload.principal, payload.target, NOW)),
    ).toBe('signature mismatch');
  });

  it('refuses a tampered body', () => {
    const [, mac] = state.split('.');
    const forged = {
      ...payload,
      answers: { elicitation_1: { action: 'accept', content: { tense: 'future' } } },
    };
    const body = Buffer.from(JSON.stringify(forged)).toString('base64url');
    expect(
      reasonOf(() => sealer.open(`${body}.${mac}`, payload.principal, payload.target, NOW)),
    ).toBe('signature mismatch');
  });

  it('refuses a body whose expiry was extended', () => {
    const [, mac] = state.split('.');
    const body = Buffer.from(JSON.stringify({ ...payload, expiresAt: NOW * 2 })).toString(
      'base64url',
    );
    expect(
      reasonOf(() => sealer.open(`${body}.${mac}`, payload.principal, payload.target, NOW)),
    ).toBe('signature mismatch');
  });

  it('refuses a tampered MAC', () => {
    const [body, mac] = state.split('.');
    const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1);
    expect(
      reasonOf(() => sealer.open(`${body}.${flipped}`, payload.principal, payload.target, NOW)),
    ).toBe('signature mismatch');
  });

  it('refuses a state with a -TAMPERED suffix', () => {
    expect(
      reasonOf(() => sealer.open(`${state}-TAMPERED`, payload.principal, payload.target, NOW)),
    ).toBe('signature mismatch');
  });

  it('refuses a state minted for another principal', () => {
    expect(reasonOf(() => sealer.open(state, 'agent:mallory', payload.target, NOW))).toBe(
      'minted for another principal',
    );
  });

  it('refuses a state minted for another target', () => {
    expect(
      reasonOf(() => sealer.open(state, payload.principal, 'tools/call:lookup_spanish', NOW)),
    ).toBe('minted for another request');
  });

  it('refuses an expired state and accepts it up to its expiry', () => {
    expect(sealer.open(state, payload.principal, payload.target, payload.expiresAt).expiresAt).toBe(
      payload.expiresAt,
    );
    expect(
      reasonOf(() => sealer.open(state, payload.principal, payload.target, payload.expiresAt + 1)),
    ).toBe('expired');
  });

  it.each([
    ['garbage text', 'garbage'],
    ['an empty string', ''],
    ['a lone dot', '.'],
    ['three parts', 'a.b.c'],
    ['a body without MAC', `${state.split('.')[0]}.`],
  ])('refuses %s as a signature mismatch', (_label, garbage) => {
    expect(reasonOf(() => sealer.open(garbage, payload.principal, payload.target, NOW))).toBe(
      'signature mismatch',
    );
  });

  it.each([
    ['a number', 42],
    ['an object', { state }],
    ['undefined', undefined],
  ])('refuses %s as not a string', (_label, value) => {
    expect(reasonOf(() => sealer.open(value, payload.principal, payload.target, NOW))).toBe(
      'not a string',
    );
  });
});
