import { fork } from 'node:child_process';

/**
 * A bench server in its own process, so the load generator never shares its event loop.
 * The child reports its port over IPC and answers CPU-usage queries.
 */
export class ChildServer {
  static async start(file, env, execArgv = []) {
    const child = fork(file, [], {
      env: { ...process.env, ...env },
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${file} did not start within 30 s`)),
        30_000,
      );
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${file} exited before listening (code ${code}, signal ${signal})`));
      });
      child.on('message', (message) => {
        if (message?.type !== 'ready') return;
        clearTimeout(timer);
        resolve(message.port);
      });
    });
    return new ChildServer(child, port);
  }

  constructor(child, port) {
    this.child = child;
    this.url = `http://127.0.0.1:${port}/mcp`;
  }

  /** The child's process.cpuUsage() (user + system, µs). */
  cpuMicros() {
    return new Promise((resolve) => {
      const onMessage = (message) => {
        if (message?.type !== 'cpu') return;
        this.child.off('message', onMessage);
        resolve(message.usage.user + message.usage.system);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'cpu' });
    });
  }

  /** Redis commands the child's app has sent (NaN without Redis). */
  redisCommands() {
    return new Promise((resolve) => {
      const onMessage = (message) => {
        if (message?.type !== 'redis') return;
        this.child.off('message', onMessage);
        resolve(message.commands);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'redis' });
    });
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
