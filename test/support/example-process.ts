import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildProject, REPO_ROOT } from './stdio-child.js';
import { waitUntil } from './wait-until.js';

/** A built example's script, e.g. `examplePath('minimal/main.js')` (absolute). */
export function examplePath(script: string): string {
  return resolve(REPO_ROOT, 'dist/examples', script);
}

/** npm test builds first; a direct vitest run builds here when the examples are missing. */
export function ensureExamplesBuilt(...scripts: string[]): void {
  if (scripts.some((script) => !existsSync(examplePath(script)))) buildProject();
}

/** A running example (or its REST API) with its output captured. */
export interface ExampleProcess {
  child: ChildProcessWithoutNullStreams;
  /** The first match of `ready` in its output. */
  ready: RegExpMatchArray;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  stop: () => void;
}

/**
 * Starts `node dist/examples/<script>` as a user would (it imports `nest-mcp` by name, resolved
 * through the package's own exports) and waits until its output matches `ready`.
 */
export async function startExample(
  script: string,
  ready: RegExp,
  env: Record<string, string> = {},
): Promise<ExampleProcess> {
  const child = spawn(process.execPath, [examplePath(script)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const stop = () => {
    if (child.exitCode === null) child.kill();
  };
  try {
    await waitUntil(
      () => ready.test(text) || child.exitCode !== null,
      `${script} to start`,
      30_000,
    );
  } catch (error) {
    stop();
    throw error;
  }
  const match = ready.exec(text);
  if (!match) throw new Error(`${script} exited (${child.exitCode}):\n${text}`);
  return { child, ready: match, output: () => text, stop };
}
