// Plain-text tables and ratio lines for the bench results.

export const fmt = {
  int: (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—'),
  ms: (n) => (Number.isFinite(n) ? n.toFixed(3) : '—'),
  kib: (n) => (Number.isFinite(n) ? n.toFixed(2) : '—'),
  ratio: (n) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '—'),
};

/** Columns after the first two are right-aligned (numbers). */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * A ratio with its target, if any: `{ name, value, target?, lowerIsBetter? }`.
 * The verdict is informative only: the bench never fails on speed.
 */
export function ratioLine({ name, value, target, lowerIsBetter = true }) {
  let verdict = '';
  if (target !== undefined && Number.isFinite(value)) {
    const met = lowerIsBetter ? value <= target : value >= target;
    verdict = `  (target ${lowerIsBetter ? '≤' : '≥'} ${target}×: ${met ? 'met' : 'NOT met'})`;
  }
  return `  ${name}: ${fmt.ratio(value)}${verdict}`;
}

/** One family's section: its title, table, and ratios. */
export function formatFamily(result) {
  const out = [`## ${result.title}`, ''];
  if (result.note) out.push(result.note, '');
  out.push(table(result.header, result.rows));
  if (result.ratios?.length) out.push('', ...result.ratios.map(ratioLine));
  return `${out.join('\n')}\n`;
}
