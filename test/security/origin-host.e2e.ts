import { describe, expect, it } from 'vitest';
import { socketExchange } from '../support/wire/socket.client.js';
import { toolCall } from '../support/wire/stateless.requests.js';
import { cloneRequest, type WireRequest } from '../support/wire/wire.request.js';
import { expectResult, expectTransportError } from '../support/security/expect-wire.js';
import { useSecureApp } from '../support/security/secure-app.fixture.js';

const s = useSecureApp();

const signedWrite = () => s.sign(toolCall('probe_write'));
const withOrigin = (req: WireRequest, origin: string) =>
  cloneRequest(req, { headers: { ...req.headers, origin } });

describe('E. Origin / Host / CORS / DNS rebinding (end to end)', () => {
  it('E1 Origin https://evil.example on a validly signed POST → 403 with a JSON-RPC error, no id', async () => {
    const res = await s.send(withOrigin(signedWrite(), 'https://evil.example'));
    expectTransportError(res, 403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(s.probe.total).toBe(0);
  });

  it('E2 Origin null; http://localhost:8080 when only :3000 is allowed; https vs http → 403 (exact match)', async () => {
    for (const origin of [
      'null',
      'http://localhost:8080',
      'https://localhost:3000',
      'http://console.example.com',
    ]) {
      expectTransportError(await s.send(withOrigin(signedWrite(), origin)), 403);
    }
    expect(s.probe.total).toBe(0);
    const ok = await s.send(withOrigin(signedWrite(), 'http://localhost:3000'));
    expectResult(ok);
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('E3 no Origin (a non-browser agent) → allowed, subject to auth', async () => {
    expectResult(await s.send(signedWrite()));
    expect((await s.send(toolCall('probe_write'))).status).toBe(401);
  });

  it('E4 rebinding: Host attacker.example:PORT, no Origin, on GET /sse and GET /mcp → 403', async () => {
    for (const path of ['/sse', '/mcp']) {
      const res = await s.openStream(
        { method: 'GET', path, headers: { accept: 'text/event-stream' } },
        { host: `attacker.example:${s.port}` },
      );
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text!)).toMatchObject({ error: { code: -32000 }, id: null });
    }
  });

  it('E5 Host variants: LOCALHOST:PORT is normalised and allowed; localhost., 127.1, 0x7f.1, [::ffff:127.0.0.1], 0.0.0.0 → 403', async () => {
    const read = toolCall('probe_read');
    expectResult(await s.send(read, { host: `LOCALHOST:${s.port}` }));
    for (const name of ['localhost.', '127.1', '0x7f.1', '[::ffff:127.0.0.1]', '0.0.0.0']) {
      expectTransportError(await s.send(read, { host: `${name}:${s.port}` }), 403);
    }
  });

  it('E6 two Host headers → 400', async () => {
    const body = toolCall('probe_read').body!.toString();
    const res = await socketExchange(
      s.port,
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nHost: evil.example\r\n` +
        'Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n' +
        'MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: probe_read\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(res.status).toBe(400);
    expect(s.probe.count('probe_read')).toBe(1);
  });

  it('E7 preflight OPTIONS: allowed origin → 204 with allowed and exposed headers; other origin → 204 without CORS headers; never authenticated or dispatched', async () => {
    const before = s.probe.total;
    const preflight = (origin: string) =>
      s.send({
        method: 'OPTIONS',
        path: '/mcp',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'signature, signature-input, content-digest',
          // Garbage signature material must not be looked at on OPTIONS.
          signature: 'sig=:AAAA:',
        },
      });
    const ok = await preflight('https://console.example.com');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://console.example.com');
    const allowed = String(ok.headers['access-control-allow-headers']);
    for (const h of [
      'signature',
      'signature-input',
      'content-digest',
      'authorization',
      'mcp-session-id',
      'mcp-protocol-version',
      'last-event-id',
      'mcp-method',
      'mcp-name',
    ])
      expect(allowed).toContain(h);
    const exposed = String(ok.headers['access-control-expose-headers']);
    for (const h of ['mcp-session-id', 'www-authenticate', 'accept-signature', 'retry-after'])
      expect(exposed).toContain(h);
    expect(ok.headers['access-control-allow-origin']).not.toBe('*');
    const bad = await preflight('https://evil.example');
    expect(bad.status).toBe(204);
    expect(bad.headers['access-control-allow-origin']).toBeUndefined();
    expect(bad.headers['access-control-allow-headers']).toBeUndefined();
    expect(s.probe.total).toBe(before);
  });
});
