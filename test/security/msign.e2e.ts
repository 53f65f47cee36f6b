import { describe, expect, it } from 'vitest';
import { craft } from '../support/security/signature.crafter.js';
import { socketExchange } from '../support/wire/socket.client.js';
import { toolCall } from '../support/wire/stateless.requests.js';
import { cloneRequest, type WireRequest } from '../support/wire/wire.request.js';
import {
  expectMalformedSignature,
  expectResult,
  expectRpcError,
  expectUnauthorized,
} from '../support/security/expect-wire.js';
import { useSecureApp, type SecureSuite } from '../support/security/secure-app.fixture.js';

const on = useSecureApp({ manyFailures: true, mcp: { signing: { acceptMsign: true } } });
const off = useSecureApp(() => ({ agents: on.agents, manyFailures: true }));

const msign = (req: WireRequest, app = on) => app.sign(req, app.agents.writer, { msign: true });
const writeCall = (text = 'm') => toolCall('probe_write', { text });

/** The request with its Authorization value rewritten. */
function withAuthorization(req: WireRequest, edit: (value: string) => string): WireRequest {
  const value = req.headers.authorization as string;
  expect(value).toMatch(/^MSign keyid="[^"]+", created=\d+, nonce="[\w-]+", sig=":[^"]+:"$/);
  return cloneRequest(req, { headers: { ...req.headers, authorization: edit(value) } });
}

/** Sends the request through a raw socket, so any byte can be in the Authorization line. */
async function rawAuthorization(app: SecureSuite, req: WireRequest, authorization: string) {
  const body = req.body!.toString();
  const lines = Object.entries({ ...req.headers, authorization })
    .map(([k, v]) => `${k}: ${String(v)}\r\n`)
    .join('');
  const before = app.probe.total;
  const res = await socketExchange(
    app.port,
    `POST ${req.path} HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\n${lines}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  expect(app.probe.total).toBe(before);
  return res;
}

describe('B. MSign compact header (end to end)', () => {
  it('B1 valid MSign with acceptMsign → 200; the same with the option off → 401', async () => {
    expect(expectResult(await on.send(msign(writeCall()))).content[0].text).toBe(
      'written by writer',
    );
    const res = await off.refused(msign(writeCall(), off), (r) => expectUnauthorized(r));
    expect(res.headers['www-authenticate']).not.toMatch(/MSign/);
    // With the option on, the 401 challenge advertises MSign too.
    const anon = await on.send(writeCall());
    expect(anon.headers['www-authenticate']).toBe(
      'Signature realm="mcp", error="invalid_signature", MSign realm="mcp"',
    );
  });

  it('B2 MSign and Signature headers together → 400', async () => {
    const both = craft(on.agents.writer, msign(writeCall()), on.publicBaseUrl);
    expect(both.headers.authorization).toMatch(/^MSign /);
    await on.refused(both, (r) => expectMalformedSignature(r));
  });

  it('B3 two Authorization lines (`MSign a`, `MSign b`) → 400 (seen through headersDistinct)', async () => {
    const a = msign(writeCall());
    const b = msign(writeCall());
    await on.refused(
      cloneRequest(a, {
        headers: {
          ...a.headers,
          authorization: [a.headers.authorization as string, b.headers.authorization as string],
        },
      }),
      (r) => expectRpcError(r, 400, -32000),
    );
  });

  it('B4 duplicated parameter, unknown parameter, missing nonce → 400', async () => {
    const edits: Array<(v: string) => string> = [
      (v) => v.replace(/created=(\d+)/, 'created=$1, created=$1'),
      (v) => `${v}, realm="mcp"`,
      (v) => v.replace(/, nonce="[\w-]+"/, ''),
    ];
    for (const edit of edits)
      await on.refused(withAuthorization(msign(writeCall()), edit), (r) =>
        expectMalformedSignature(r),
      );
  });

  it('B5 created as +N, " N", 0x…, 1.79e9 → 400; fullwidth and Arabic-Indic digits → 400', async () => {
    for (const created of ['+1790000000', '0x6AB0A080', '1.79e9', '-1790000000']) {
      await on.refused(
        withAuthorization(msign(writeCall()), (v) =>
          v.replace(/created=\d+/, `created=${created}`),
        ),
        (r) => expectMalformedSignature(r),
      );
    }
    await on.refused(
      withAuthorization(msign(writeCall()), (v) => v.replace(/created=(\d+)/, 'created= $1')),
      (r) => expectMalformedSignature(r),
    );
    for (const digits of ['１７９００００００００', '١٧٩٠٠٠٠٠٠٠']) {
      const req = msign(writeCall());
      const value = (req.headers.authorization as string).replace(
        /created=\d+/,
        `created=${digits}`,
      );
      const res = await rawAuthorization(on, req, value);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: -32010 } });
    }
  });

  it('B6 keyid containing `"`, `\\`, non-ASCII → 400; CR/LF → 400 from the Node parser', async () => {
    for (const keyid of ['wri\\"ter.ed', 'wri\\\\ter.ed', 'wrïter.ed']) {
      await on.refused(
        withAuthorization(msign(writeCall()), (v) =>
          v.replace(/keyid="[^"]+"/, `keyid="${keyid}"`),
        ),
        (r) => expectMalformedSignature(r),
      );
    }
    for (const nl of ['\r', '\n', '\r\n']) {
      const req = msign(writeCall());
      const value = (req.headers.authorization as string).replace(
        /keyid="([^"]+)"/,
        `keyid="$1${nl}x"`,
      );
      const res = await rawAuthorization(on, req, value);
      expect(res.status).toBe(400);
    }
  });

  it('B7 MSign replayed with another query string or another body → 401', async () => {
    const req = msign(writeCall('a'));
    await on.refused(cloneRequest(req, { path: '/mcp?x=1' }), (r) => expectUnauthorized(r));
    const other = msign(writeCall('a'));
    const body = Buffer.from(other.body!.toString().replace('"text":"a"', '"text":"b"'));
    await on.refused(cloneRequest(other, { body }), (r) => expectUnauthorized(r));
    // Positive control: the untouched first request still verifies once.
    expectResult(await on.send(req));
  });
});
