// A round-robin HTTP balancer without affinity that keeps the client's Host and streams
// responses as they come (SSE is never buffered): what nginx with `proxy_set_header Host $host`
// does. Used by the conformance runner's --replicas mode.
import { createServer, request } from 'node:http';

/** Starts the balancer on a free loopback port; resolves with { port, close }. */
export function startBalancer(upstreams) {
  let next = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), 0));
  });
  function forward(req, res, body, tries) {
    const port = upstreams[next++ % upstreams.length];
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.on('data', (chunk) => res.write(chunk));
        answer.on('end', () => res.end());
        answer.on('close', () => {
          if (!answer.complete) res.destroy();
        });
      },
    );
    upstream.on('error', (error) => {
      if (error.code === 'ECONNREFUSED' && tries < upstreams.length)
        return forward(req, res, body, tries + 1);
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  }
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: server.address().port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(done);
          }),
      }),
    );
  });
}
