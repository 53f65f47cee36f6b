import { SecurityMessages } from '../security/security.messages.js';

/** A fetch call taken apart: what is signed, and what is passed on unchanged. */
export interface FetchRequestParts {
  url: URL;
  method: string;
  headers: Headers;
  /** The exact bytes that will be sent; `undefined` when there is no body. */
  body?: Uint8Array;
  /** The caller's init, passed through (signal, redirect, dispatcher…). */
  init: RequestInit;
}

/** Methods fetch upper-cases on the wire (Fetch standard, "normalize a method"). */
const NORMALISED = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

/**
 * Reads `fetch(input, init)` arguments the way fetch itself will send them, so the signature
 * covers the wire method and bytes. Works with what the MCP SDK transports pass: a string or
 * URL, headers as a Headers object or a plain record, and a string body.
 */
export async function readFetchRequest(
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<FetchRequestParts> {
  if (input instanceof Request) {
    const body = input.body === null ? undefined : await input.arrayBuffer();
    const { method, headers, signal, redirect } = input;
    return readFetchRequest(input.url, { method, headers, body, signal, redirect, ...init });
  }
  const headers = new Headers(init.headers);
  const upper = (init.method ?? 'GET').toUpperCase();
  const method = NORMALISED.includes(upper) ? upper : (init.method ?? 'GET');
  const body = await bodyBytes(init.body, headers);
  return { url: new URL(input), method, headers, body, init };
}

async function bodyBytes(
  body: RequestInit['body'],
  headers: Headers,
): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  // The content types fetch would have set implicitly, since we now send plain bytes.
  const implicitType = (type: string) => {
    if (!headers.has('content-type') && type !== '') headers.set('content-type', type);
  };
  if (typeof body === 'string') {
    implicitType('text/plain;charset=UTF-8');
    return Buffer.from(body, 'utf8');
  }
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) {
    implicitType('application/x-www-form-urlencoded;charset=UTF-8');
    return Buffer.from(body.toString(), 'utf8');
  }
  if (body instanceof Blob) {
    implicitType(body.type);
    return new Uint8Array(await body.arrayBuffer());
  }
  throw new Error(SecurityMessages.signedFetchBody(body.constructor.name));
}
