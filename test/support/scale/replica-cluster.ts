import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '../demo-app-at-port.js';
import { RedisServer } from './redis-server.js';
import { RoundRobinProxy } from './round-robin.proxy.js';

const ROOT = resolve(import.meta.dirname, '../../..');
/** The built apps (`npm run build`): the conformance fixture, the demo, an example. */
export const BUILT = {
  fixture: resolve(ROOT, 'dist/test/fixture/main.js'),
  demo: resolve(ROOT, 'dist/src/demo/main.js'),
  'redis-replicas': resolve(ROOT, 'dist/examples/redis-replicas/main.js'),
};

/** One app process. */
export interface Replica {
  port: number;
  child: ChildProcess;
  output: string[];
}

/**
 * Several replicas of a built app in separate processes, one real redis-server, and a
 * round-robin balancer without affinity in front: the way the app runs in production.
 */
export class ReplicaCluster {
  readonly replicas: Replica[] = [];
  proxy!: RoundRobinProxy;
  redis!: RedisServer;

  private constructor(
    private readonly app: string,
    private readonly env: Record<string, string>,
  ) {}

  /** `count` replicas of `app`; `env` is added to every replica's environment. */
  static async start(
    count: number,
    options: { app?: keyof typeof BUILT; env?: Record<string, string> } = {},
  ): Promise<ReplicaCluster> {
    const app = BUILT[options.app ?? 'fixture'];
    if (!existsSync(app)) throw new Error(`${app} is missing: run npm run build first`);
    const cluster = new ReplicaCluster(app, options.env ?? {});
    cluster.redis = await RedisServer.start();
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    cluster.proxy = new RoundRobinProxy(ports);
    await cluster.proxy.listen();
    const secret = randomBytes(32).toString('base64url');
    await Promise.all(ports.map((port) => cluster.spawn(port, secret)));
    return cluster;
  }

  /** The endpoint clients use (through the balancer). */
  get url(): string {
    return `http://127.0.0.1:${this.proxy.port}/mcp`;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.proxy.port}`;
  }

  /** SIGKILL: no shutdown hooks, no goodbye. */
  async kill(index: number): Promise<void> {
    const { child } = this.replicas[index];
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.replicas.map(
        ({ child }) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    await this.proxy?.close();
    await this.redis?.stop();
  }

  private async spawn(port: number, secret: string): Promise<void> {
    const output: string[] = [];
    const child = spawn(process.execPath, [this.app], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        MCP_REDIS_URL: this.redis.url,
        MCP_STATE_SECRET: secret,
        MCP_PUBLIC_URL: this.origin,
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    this.replicas.push({ port, child, output });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`replica on ${port} exited:\n${output.join('')}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`replica on ${port} not ready:\n${output.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
