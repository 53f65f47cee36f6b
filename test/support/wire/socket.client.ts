import { connect, type Socket } from 'node:net';

/** What came back on a raw socket: the parsed head and whatever body bytes arrived. */
export interface SocketResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Raw bytes as received. */
  raw: string;
}

/**
 * Writes `head` (and optionally more bytes later) on a raw TCP socket, for requests no HTTP
 * client will send: duplicate Host lines, a Content-Length whose body never comes.
 * Resolves once a complete response (by Content-Length) or the socket end arrives.
 */
export function socketExchange(
  port: number,
  head: string,
  options: { timeoutMs?: number; keepSocket?: (socket: Socket) => void } = {},
): Promise<SocketResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      const parsed = parseResponse(received.toString('latin1'));
      if (!parsed)
        return reject(
          new Error(`no HTTP response head in: ${JSON.stringify(received.toString('latin1'))}`),
        );
      resolve(parsed);
    };
    const timer = setTimeout(
      () => finish(new Error('no complete response in time')),
      options.timeoutMs ?? 5_000,
    );
    socket.on('connect', () => {
      socket.write(head);
      options.keepSocket?.(socket);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseResponse(received.toString('latin1'));
      const headEnd = received.indexOf('\r\n\r\n');
      if (
        parsed &&
        received.length - headEnd - 4 >= Number(parsed.headers['content-length'] ?? Infinity)
      )
        finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (error) => (received.length ? finish() : finish(error)));
  });
}

function parseResponse(raw: string): SocketResponse | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(match[1]),
    headers,
    body: Buffer.from(raw.slice(end + 4), 'latin1').toString('utf8'),
    raw,
  };
}
