import autocannon from 'autocannon';
import { ID_TOKEN, problemWith } from './scenarios.mjs';

/**
 * Drives one autocannon run against url with the prepared request. Latencies are taken from
 * autocannon's per-response event (float milliseconds) because its own histogram rounds to
 * whole milliseconds, too coarse for sub-millisecond calls. With checkBodies every response
 * body is checked too (used for the warm-up, where the cost does not matter).
 */
export async function runLoad({ url, prepared, seconds, connections, checkBodies = false }) {
  let latencies = new Float64Array(1 << 16);
  let ok = 0;
  let badBodies = 0;
  let firstBadBody;
  const request = {
    method: 'POST',
    headers: prepared.headers,
    body: prepared.body(ID_TOKEN),
  };
  if (checkBodies) {
    request.onResponse = (status, body) => {
      const problem = problemWith({ status, text: body }, { stateless: prepared.stateless });
      if (problem) {
        badBodies++;
        firstBadBody ??= problem;
      }
    };
  }
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    idReplacement: true,
    requests: [request],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 200 || statusCode > 299) return;
    if (ok === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[ok++] = responseTime;
  });
  const started = process.hrtime.bigint();
  const result = await instance;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    ok,
    elapsed,
    latencies: latencies.subarray(0, ok),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    badBodies,
    firstBadBody,
  };
}

/** Merges the slices of one row: req/s over the time measured, percentiles over all calls. */
export function summarize(slices) {
  const ok = slices.reduce((n, s) => n + s.ok, 0);
  const elapsed = slices.reduce((n, s) => n + s.elapsed, 0);
  const all = new Float64Array(ok);
  let at = 0;
  for (const s of slices) {
    all.set(s.latencies, at);
    at += s.latencies.length;
  }
  all.sort();
  const pick = (q) => (ok ? all[Math.min(ok - 1, Math.floor(q * ok))] : NaN);
  const sum = (key) => slices.reduce((n, s) => n + s[key], 0);
  return {
    ok,
    reqPerSec: ok / elapsed,
    p50: pick(0.5),
    p99: pick(0.99),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
  };
}
