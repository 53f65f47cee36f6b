import { spawn } from 'node:child_process';
import { pinnedNode, procCpuMicros } from './cores.mjs';

/**
 * An MCP server spawned as a stdio child (pinned to the server core), spoken to in ndjson.
 * Answers are matched to requests by id; stderr is kept for error messages.
 */
export class StdioChild {
  constructor(file, env = {}, nodeArgs = []) {
    const { command, args } = pinnedNode([...nodeArgs, file]);
    this.startedAt = process.hrtime.bigint();
    this.child = spawn(command, args, {
      env: { ...process.env, NODE_ENV: 'production', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.pending = new Map();
    this.onAnswer = undefined;
    this.stderr = '';
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text) => (this.stderr = (this.stderr + text).slice(-2000)));
    this.child.stdin.on('error', () => undefined);
    let buffer = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (text) => {
      buffer += text;
      let newline;
      const answers = [];
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim()) answers.push(line);
      }
      for (const line of answers) this.receive(line);
      this.onBatch?.();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.once('exit', (code, signal) => {
      for (const { reject } of this.pending.values())
        reject(new Error(`exited (code ${code}, signal ${signal}): ${this.stderr.slice(-500)}`));
      this.pending.clear();
    });
  }

  receive(line) {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      this.onAnswer?.(undefined, `not JSON on stdout: ${line.slice(0, 200)}`);
      return;
    }
    const waiter = this.pending.get(message.id);
    if (waiter) {
      this.pending.delete(message.id);
      waiter.resolve(message);
    } else this.onAnswer?.(message);
  }

  /** Sends one request and resolves its answer. */
  request(message) {
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify(message)}\n`);
    });
  }

  notify(message) {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  cpuMicros() {
    return procCpuMicros(this.child.pid);
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 'init',
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'nest-mcp-bench', version: '0.0.0' },
  },
};

/** initialize + notifications/initialized; throws unless the server answered a result. */
export async function handshake(child) {
  const answer = await child.request(INITIALIZE);
  if (!answer.result?.protocolVersion)
    throw new Error(`initialize answered ${JSON.stringify(answer).slice(0, 200)}`);
  child.notify({ jsonrpc: '2.0', method: 'notifications/initialized' });
}
