import fc from 'fast-check';

/**
 * Cases per property: `npm run fuzz` sets FUZZ_RUNS (≥ 100 000); `npm test` runs the same
 * properties with the default below.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);

/** Runs a property for FUZZ_RUNS cases and prints how many ran and how long it took. */
export function check<Ts extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  runs = FUZZ_RUNS,
): void | Promise<void> {
  const started = performance.now();
  const report = (): void =>
    console.log(
      `fuzz ${name}: ${runs} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  const outcome: unknown = fc.assert(property as fc.IProperty<Ts>, { numRuns: runs });
  if (outcome instanceof Promise) return outcome.then(report);
  report();
}
