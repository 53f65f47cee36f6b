import { Console } from 'node:console';

/** The console methods that print to stdout by default. */
const STDOUT_METHODS = [
  'log',
  'info',
  'debug',
  'dir',
  'dirxml',
  'table',
  'group',
  'groupCollapsed',
  'groupEnd',
  'count',
  'countReset',
  'time',
  'timeLog',
  'timeEnd',
] as const;

/**
 * Points every stdout-printing `console` method at stderr, so a stray `console.log` in the
 * host app (or a dependency) cannot corrupt the protocol stream. Returns an undo function.
 */
export function redirectConsoleToStderr(
  stderr: NodeJS.WritableStream = process.stderr,
): () => void {
  const target = new Console({ stdout: stderr, stderr });
  // Bound copies of the target's methods; the originals are kept to undo the redirect.
  const methods = target as unknown as Record<string, (...args: unknown[]) => void>;
  const live = console as unknown as Record<string, unknown>;
  const saved = STDOUT_METHODS.map((name) => [name, live[name]] as const);
  for (const name of STDOUT_METHODS) live[name] = methods[name].bind(target);
  return () => {
    for (const [name, method] of saved) live[name] = method;
  };
}
