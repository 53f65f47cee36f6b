// A redis-server of the bench's own (Debian's package) for the Redis rows.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

const REDIS_SERVER = '/usr/bin/redis-server';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One inline command over a fresh connection; resolves with the raw reply. */
function ask(port, command) {
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1');
    let reply = '';
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (d) => {
      reply += d.toString();
      const header = /^\$(\d+)\r\n/.exec(reply);
      if (
        reply.startsWith('+') ||
        reply.startsWith('-') ||
        (header && reply.length >= header[0].length + Number(header[1]))
      ) {
        socket.destroy();
        resolve(reply);
      }
    });
    socket.once('error', reject);
  });
}

export async function startBenchRedis() {
  if (!existsSync(REDIS_SERVER))
    throw new Error('the Redis rows need redis-server: apt-get install redis-server');
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await ask(port, 'PING')).startsWith('+PONG')) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    /** Synchronous, for an exiting process. */
    kill: () => child.kill('SIGKILL'),
    stop: () =>
      new Promise((done) => {
        child.once('exit', done);
        child.kill('SIGKILL');
      }),
  };
}
