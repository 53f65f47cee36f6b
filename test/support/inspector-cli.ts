import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const CLI = createRequire(import.meta.url).resolve(
  '@modelcontextprotocol/inspector-cli/build/cli.js',
);

/**
 * The CLI reads its own package.json with a cwd-relative `existsSync('../package.json')` before
 * importing it relative to its module, so it only starts where both paths agree: its build folder.
 */
const CLI_CWD = dirname(CLI);

/** How one `mcp-inspector-cli --cli …` run ended. */
export interface InspectorRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const running = new Set<ChildProcess>();

/**
 * Runs `mcp-inspector-cli --cli <args>` to completion. The CLI spawns a second node process (and,
 * for stdio, the server), so it runs in its own process group and the whole group is killed when
 * `timeoutMs` passes. A stdio command's script path must be absolute (the cwd is the CLI's).
 */
export function runInspectorCli(args: string[], timeoutMs = 20_000): Promise<InspectorRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--cli', ...args], {
      cwd: CLI_CWD,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => killGroup(child), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Kills every CLI run still going (for `afterAll`). */
export function killInspectorRuns(): void {
  for (const child of running) killGroup(child);
}

function killGroup(child: ChildProcess): void {
  try {
    // Negative pid: the group the detached child leads (the CLI, its node child and any server).
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
