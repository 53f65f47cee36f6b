import { fork } from 'node:child_process';
import { pin, SERVER_CORE } from './cores.mjs';

/**
 * A bench server in its own process (pinned to the server core), so the load generator never
 * shares its event loop or its core. The child reports its port over IPC and answers CPU and
 * memory queries.
 */
export class ChildServer {
  static async start(file, env = {}, execArgv = []) {
    const child = fork(file, [], {
      env: { ...process.env, NODE_ENV: 'production', ...env },
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${file} did not start within 60 s`));
      }, 60_000);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`exited before listening (code ${code}, signal ${signal})`));
      });
      child.on('message', (message) => {
        if (message?.type !== 'ready') return;
        clearTimeout(timer);
        resolve(message);
      });
    });
    pin(child.pid, SERVER_CORE);
    return new ChildServer(child, ready.port, ready.path ?? '/mcp');
  }

  constructor(child, port, path) {
    this.child = child;
    this.port = port;
    this.url = `http://127.0.0.1:${port}${path}`;
  }

  query(type) {
    return new Promise((resolve) => {
      const onMessage = (message) => {
        if (message?.type !== type) return;
        this.child.off('message', onMessage);
        resolve(message.value);
      };
      this.child.on('message', onMessage);
      this.child.send({ type });
    });
  }

  /** The child's process.cpuUsage() (user + system, µs). */
  async cpuMicros() {
    const usage = await this.query('cpu');
    return usage.user + usage.system;
  }

  /** The child's process.memoryUsage() after a full GC (children started with --expose-gc). */
  memory() {
    return this.query('memory');
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
