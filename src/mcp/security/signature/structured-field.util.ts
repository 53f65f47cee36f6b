/**
 * The single line of a singleton header: `undefined` when absent, `null` when the request
 * carries it more than once (a proxy may pick another line than Node does, so never choose).
 */
export function singleLine(
  headers: Record<string, string[]>,
  name: string,
): string | null | undefined {
  const lines = headers[name];
  if (lines === undefined || lines.length === 0) return undefined;
  return lines.length === 1 ? lines[0] : null;
}

/** The positions of the characters outside quoted strings (escapes inside strings skipped). */
function* outsideStrings(serialized: string): Generator<number> {
  let inString = false;
  for (let i = 0; i < serialized.length; i++) {
    const c = serialized[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else yield i;
  }
}

/**
 * Counts the top-level members of an already-parsed SF Dictionary. The parser keeps only the
 * last of duplicated keys (RFC 9651 §4.2.2); comparing this count with the Map's size exposes
 * them, so `sig=(…), sig=(…)` cannot smuggle a second signature under one label.
 */
export function countDictionaryMembers(serialized: string): number {
  let count = 1;
  let depth = 0;
  for (const i of outsideStrings(serialized)) {
    const c = serialized[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) count++;
  }
  return count;
}

/**
 * Names of parameters given as SF Decimals (`created=1790000000.0`). The parser reads a
 * Decimal as a JS number, which may be integral, so the text is checked: the profile's time
 * parameters must be SF Integers, and a Decimal is refused by name, not by accident.
 */
export function decimalParameters(serialized: string, names: readonly string[]): string[] {
  const found: string[] = [];
  for (const i of outsideStrings(serialized)) {
    if (serialized[i] !== ';') continue;
    const match = /^\s*([a-z*][a-z0-9_.*-]*)=-?\d+\./.exec(serialized.slice(i + 1, i + 80));
    if (match && names.includes(match[1])) found.push(match[1]);
  }
  return found;
}
