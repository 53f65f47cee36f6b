import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json is). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The built stdio demo, relative to the repo root (what MCP clients are told to run). */
export const STDIO_DEMO = 'dist/src/demo/stdio.js';

/** Builds the project as `npm run build` does; a type error fails the calling hook. */
export function buildProject(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire messages, checked by the tests
export type JsonObject = Record<string, any>;

/** One Content-Length frame as it appeared on the wire. */
export interface WireFrame {
  declaredLength: number;
  body: Buffer;
  message: JsonObject;
}

/**
 * Splits stdout into Content-Length frames independently of the server's own code, and throws
 * if anything else is there (a log line, a wrong length, a stray byte).
 */
export function parseContentLengthFrames(bytes: Buffer): WireFrame[] {
  const frames: WireFrame[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', offset, 'latin1');
    if (headerEnd < 0)
      throw new Error(`stray bytes at ${offset}: ${bytes.subarray(offset).toString('utf8')}`);
    const header = bytes.subarray(offset, headerEnd).toString('latin1');
    const match = /^Content-Length: (\d+)$/.exec(header);
    if (!match)
      throw new Error(`not a Content-Length header at ${offset}: ${JSON.stringify(header)}`);
    const declaredLength = Number(match[1]);
    const body = bytes.subarray(headerEnd + 4, headerEnd + 4 + declaredLength);
    if (body.length !== declaredLength) throw new Error(`frame at ${offset} is truncated`);
    frames.push({ declaredLength, body, message: JSON.parse(body.toString('utf8')) as JsonObject });
    offset = headerEnd + 4 + declaredLength;
  }
  return frames;
}

/** Splits stdout into ndjson messages; throws on any line that is not a JSON-RPC object. */
export function parseNdjson(bytes: Buffer): JsonObject[] {
  const text = bytes.toString('utf8');
  if (text.length > 0 && !text.endsWith('\n'))
    throw new Error('stdout does not end with a newline');
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const message = JSON.parse(line) as JsonObject;
      if (message.jsonrpc !== '2.0') throw new Error(`not JSON-RPC: ${line}`);
      return message;
    });
}

/** A spawned stdio server with its output captured. */
export class StdioChild {
  readonly process: ChildProcessWithoutNullStreams;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stdoutChunks: Buffer[] = [];
  private stderrChunks: Buffer[] = [];
  private listeners: (() => void)[] = [];

  constructor(command: string, args: string[], options: { detached?: boolean } = {}) {
    this.process = spawn(command, args, {
      cwd: REPO_ROOT,
      stdio: 'pipe',
      detached: options.detached,
    });
    this.process.stdout.on('data', (chunk: Buffer) => {
      this.stdoutChunks.push(chunk);
      for (const wake of this.listeners.splice(0)) wake();
    });
    this.process.stderr.on('data', (chunk: Buffer) => this.stderrChunks.push(chunk));
    this.exited = new Promise((resolve) =>
      this.process.once('close', (code, signal) => resolve({ code, signal })),
    );
  }

  get stdout(): Buffer {
    return Buffer.concat(this.stdoutChunks);
  }

  get stderr(): string {
    return Buffer.concat(this.stderrChunks).toString('utf8');
  }

  /** Writes raw bytes (or a string) to the child's stdin. */
  write(data: string | Buffer): void {
    this.process.stdin.write(data);
  }

  /** Waits until `ready(stdout)` holds (default 20 s), or fails with what was captured. */
  async waitFor(ready: (stdout: Buffer) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready(this.stdout)) {
      if (Date.now() > deadline || this.process.exitCode !== null) {
        throw new Error(`timed out; stdout=${this.stdout.toString('utf8')} stderr=${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        this.listeners.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.process.exitCode === null && this.process.signalCode === null)
      this.process.kill(signal);
  }
}

/** Encodes a message as a Content-Length frame (byte length, as the LSP framing requires). */
export function contentLengthFrame(message: JsonObject): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
}

/** Pids of every live descendant of `pid` (Linux /proc). */
export function descendants(pid: number): { pid: number; cmdline: string }[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process exited while we looked.
    }
  }
  const found: { pid: number; cmdline: string }[] = [];
  const visit = (parent: number): void => {
    for (const child of parents.get(parent) ?? []) {
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      } catch {
        continue;
      }
      found.push({ pid: child, cmdline });
      visit(child);
    }
  };
  visit(pid);
  return found;
}
