import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the balancer routed it. */
export interface RoutedRequest {
  method: string;
  path: string;
  upstream: number;
  sessionId?: string;
  lastEventId?: string;
  /** The start of the request body (tells a call from a client's reply). */
  body: string;
}

/**
 * A balancer as nginx with `proxy_set_header Host $host` is: round robin, no affinity, the
 * client's Host kept, responses streamed as they come (SSE is never buffered). An upstream
 * that refuses the connection is skipped, as a health-checked balancer would.
 */
export class RoundRobinProxy {
  readonly routed: RoutedRequest[] = [];
  private next = 0;
  private readonly server: Server;

  constructor(private readonly upstreams: number[]) {
    this.server = createServer((req, res) => this.forward(req, res, 0));
    this.server.keepAliveTimeout = 1_000;
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return (this.server.address() as AddressInfo).port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private forward(req: IncomingMessage, res: ServerResponse, tries: number, body?: Buffer): void {
    const chunks: Buffer[] = [];
    if (body === undefined) {
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.forward(req, res, tries, Buffer.concat(chunks)));
      return;
    }
    const index = this.next++ % this.upstreams.length;
    const upstream = request(
      {
        host: '127.0.0.1',
        port: this.upstreams[index],
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        this.routed.push({
          method: req.method ?? '',
          path: req.url ?? '',
          upstream: index,
          sessionId: req.headers['mcp-session-id'] as string | undefined,
          lastEventId: req.headers['last-event-id'] as string | undefined,
          body: body.subarray(0, 300).toString(),
        });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.on('data', (chunk: Buffer) => res.write(chunk));
        answer.on('end', () => res.end());
        answer.on('error', () => res.destroy());
        answer.on('close', () => {
          if (!answer.complete) res.destroy();
        });
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && tries < this.upstreams.length) {
        this.forward(req, res, tries + 1, body);
        return;
      }
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  }
}
