// The two ways a client calls the demo's `conjugate` tool, one per protocol era, and the
// check that a response really is the tool's answer (so the bench never measures errors).

export const TOOL = 'conjugate';
export const ARGS = { verb: 'eat', tense: 'past_simple', person: '3sg' };
export const EXPECTED_TEXT = 'ate';
/** autocannon replaces this token with a fresh id per request (idReplacement). */
export const ID_TOKEN = '[<id>]';

const SESSION_VERSION = '2025-11-25';
const STATELESS_VERSION = '2026-07-28';
const META = 'io.modelcontextprotocol/';
const BASE_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

const call = (id, meta) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: TOOL, arguments: ARGS, ...(meta ? { _meta: meta } : {}) },
  });

async function post(url, headers, body) {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/**
 * Why a response is not the expected tool result, or undefined when it is.
 * @param {{ status: number, contentType?: string | null, text: string }} response
 * @param {{ id?: string, stateless?: boolean }} expect
 */
export function problemWith(response, expect = {}) {
  if (response.status !== 200) return `HTTP ${response.status}: ${response.text.slice(0, 200)}`;
  if (response.contentType !== undefined && !response.contentType?.startsWith('application/json'))
    return `content-type ${response.contentType}, expected application/json`;
  let message;
  try {
    message = JSON.parse(response.text);
  } catch {
    return `not JSON: ${response.text.slice(0, 200)}`;
  }
  if (message.jsonrpc !== '2.0') return `not JSON-RPC 2.0: ${response.text.slice(0, 200)}`;
  if (expect.id !== undefined && message.id !== expect.id)
    return `id ${message.id}, expected ${expect.id}`;
  if (message.error) return `JSON-RPC error ${JSON.stringify(message.error)}`;
  const result = message.result;
  if (result?.isError) return `tool error ${JSON.stringify(result.content)}`;
  const text = result?.content?.[0]?.text;
  if (text !== EXPECTED_TEXT)
    return `tool answered ${JSON.stringify(text)}, expected "${EXPECTED_TEXT}"`;
  if (expect.stateless && result.resultType !== 'complete')
    return `resultType ${JSON.stringify(result.resultType)}, expected "complete"`;
  return undefined;
}

/**
 * Each scenario's prepare() does the one-off protocol work against a running server and
 * returns the request autocannon repeats.
 */
export const SCENARIOS = [
  {
    key: 'session',
    title: 'session era: initialize once, then tools/call with Mcp-Session-Id (JSON response)',
    async prepare(url) {
      const init = await post(
        url,
        BASE_HEADERS,
        JSON.stringify({
          jsonrpc: '2.0',
          id: 0,
          method: 'initialize',
          params: {
            protocolVersion: SESSION_VERSION,
            capabilities: {},
            clientInfo: { name: 'nest-mcp-bench', version: '0.0.0' },
          },
        }),
      );
      const sessionId = init.headers.get('mcp-session-id');
      if (init.status !== 200 || !sessionId)
        throw new Error(
          `initialize failed: HTTP ${init.status}, session ${sessionId}: ${init.text.slice(0, 200)}`,
        );
      const headers = {
        ...BASE_HEADERS,
        'mcp-session-id': sessionId,
        'mcp-protocol-version': SESSION_VERSION,
      };
      const initialized = await post(
        url,
        headers,
        JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      );
      if (initialized.status !== 202)
        throw new Error(`notifications/initialized answered HTTP ${initialized.status}`);
      return { headers, body: (id) => call(id), stateless: false };
    },
  },
  {
    key: 'stateless',
    title: 'stateless era: tools/call with the _meta envelope and Mcp-Method/Mcp-Name',
    async prepare(url, server) {
      // Servers without 2026-07-28 (the SDK 1.x, fastmcp) get their stateless mode: a plain
      // call without a session, under the newest version they accept.
      const headerVersion = server.statelessHeaderVersion ?? STATELESS_VERSION;
      const headers = {
        ...BASE_HEADERS,
        'mcp-protocol-version': headerVersion,
        'mcp-method': 'tools/call',
        'mcp-name': TOOL,
      };
      // The envelope only for servers that speak 2026-07-28; older ones get a plain call.
      const meta = headerVersion === STATELESS_VERSION && {
        [`${META}protocolVersion`]: STATELESS_VERSION,
        [`${META}clientCapabilities`]: {},
        [`${META}clientInfo`]: { name: 'nest-mcp-bench', version: '0.0.0' },
      };
      return {
        headers,
        body: (id) => call(id, meta),
        stateless: headerVersion === STATELESS_VERSION,
      };
    },
  },
];

/** Sends the scenario's request once and returns why it is wrong, or undefined. */
export async function verifyOnce(url, prepared) {
  const id = 'bench-verify-1';
  const response = await post(url, prepared.headers, prepared.body(id));
  return problemWith(
    {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text: response.text,
    },
    { id, stateless: prepared.stateless },
  );
}
