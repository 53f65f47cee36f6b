import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * Core pinning as the measurements did: servers on one core, the load generator on
 * another, so neither steals the other's CPU. Needs `taskset` (util-linux) and two cores;
 * otherwise nothing is pinned and the report says so.
 */
const available =
  cpus().length >= 2 && spawnSync('taskset', ['-p', String(process.pid)]).status === 0;

export const SERVER_CORE = 0;
export const LOAD_CORE = 1;

export const pinning = available
  ? `servers on core ${SERVER_CORE}, load generator on core ${LOAD_CORE} (taskset)`
  : 'not pinned (taskset or a second core missing)';

/** Pins every thread of a process to one core; a no-op without taskset. */
export function pin(pid, core) {
  if (!available) return;
  spawnSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
}

/** The command that starts `node args…` pinned to the server core (for spawned, not forked, children). */
export function pinnedNode(args) {
  return available
    ? { command: 'taskset', args: ['-c', String(SERVER_CORE), process.execPath, ...args] }
    : { command: process.execPath, args };
}

/** A process's user+system CPU in µs from /proc (children spawned without IPC); NaN elsewhere. */
export function procCpuMicros(pid) {
  try {
    // Fields after the parenthesised command name: utime is the 12th, stime the 13th (clock ticks).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
