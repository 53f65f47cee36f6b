import { expect } from 'vitest';
import { waitUntil } from './wait-until.js';

/**
 * Starts the demo's `conjugation_table` (200 ms per tense), aborts it after 300 ms through
 * `call`, and asserts the client gave up at once and the server stopped the table (its
 * `cancelledTables` count went up by one). `call` is the client's own way to pass a signal.
 */
export async function expectTableCancelled(
  tools: { cancelledTables: number },
  call: (args: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>,
): Promise<void> {
  const before = tools.cancelledTables;
  const controller = new AbortController();
  const started = Date.now();
  const timer = setTimeout(() => controller.abort('user gave up'), 300);
  const outcome = await call({ verb: 'go', pauseMs: 200 }, controller.signal).then(
    () => 'resolved',
    (error: unknown) => error,
  );
  clearTimeout(timer);
  expect(outcome).not.toBe('resolved');
  // It gave up at the abort, not after the whole table (6 × 200 ms).
  expect(Date.now() - started).toBeLessThan(1_000);
  await waitUntil(() => tools.cancelledTables > before, 'the server to count the cancel');
  expect(tools.cancelledTables).toBe(before + 1);
}
