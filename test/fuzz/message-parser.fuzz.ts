import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JSON_LIMITS } from '../../src/mcp/protocol/json-limits.js';
import { prescanJson } from '../../src/mcp/protocol/json-prescan.js';
import { parseMessage } from '../../src/mcp/protocol/message.parser.js';
import { readEnvelope } from '../../src/mcp/era/stateless-era/stateless-envelope.js';
import { McpError } from '../../src/mcp/protocol/mcp.error.js';
import { check } from './fuzz-runs.js';

const CODES = new Set([-32700, -32600, -32602]);

/** Depth of a JSON value as the pre-scan counts it (arrays and objects open a level). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

const id = fc.oneof(fc.integer(), fc.string({ maxLength: 300 }), fc.constant(null), fc.double());
const request = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant('2.0'), fc.string({ maxLength: 4 })),
    id,
    method: fc.oneof(fc.constantFrom('tools/call', 'ping', 'initialize'), fc.string()),
    params: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
    result: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

describe('fuzz: the message parser, the stateless envelope and the pre-scan', () => {
  it('parseMessage never throws, answers a known code, and keeps what it accepts intact', () =>
    check(
      'parseMessage(JSON-RPC-shaped values)',
      fc.property(request, (message) => {
        const text = JSON.stringify(message);
        const outcome = parseMessage(Buffer.from(text));
        if ('parsed' in outcome) {
          expect(outcome.parsed.message).toEqual(JSON.parse(text));
          expect(outcome.parsed.message.jsonrpc).toBe('2.0');
        } else {
          expect(outcome.error).toBeInstanceOf(McpError);
          expect(CODES.has(outcome.error.code)).toBe(true);
        }
      }),
    ));

  it('parseMessage on arbitrary bytes never throws and never returns a non-object message', () =>
    check(
      'parseMessage(random bytes)',
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const outcome = parseMessage(Buffer.from(bytes));
        if ('parsed' in outcome) expect(typeof outcome.parsed.message).toBe('object');
        else expect(CODES.has(outcome.error.code)).toBe(true);
      }),
    ));

  it('the pre-scan refuses exactly the texts deeper than the limit, whatever the strings hold', () =>
    check(
      'prescanJson(depth) vs the parsed depth',
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 8 }), (value, max) => {
        const verdict = prescanJson(JSON.stringify(value), { maxDepth: max, maxTokens: 1e9 });
        expect(verdict === 'nesting too deep').toBe(depthOf(value) > max);
      }),
    ));

  it('the pre-scan never throws on arbitrary text and agrees with JSON.parse on valid text', () =>
    check(
      'prescanJson(random text)',
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const verdict = prescanJson(text, DEFAULT_JSON_LIMITS);
        expect(verdict === undefined || typeof verdict === 'string').toBe(true);
      }),
    ));

  it('readEnvelope accepts exactly well-formed envelopes and fails only with McpError', () =>
    check(
      'readEnvelope(random _meta)',
      fc.property(
        fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
        fc.jsonValue(),
        fc.option(fc.constantFrom('2026-07-28', '2025-11-25', 'x'), { nil: undefined }),
        (params, meta, header) => {
          try {
            const envelope = readEnvelope({ ...params, _meta: meta }, header);
            expect(typeof envelope.protocolVersion).toBe('string');
            expect(typeof envelope.clientCapabilities).toBe('object');
          } catch (error) {
            expect(error).toBeInstanceOf(McpError);
          }
        },
      ),
    ));
});
