import type { JsonLimits } from './json-limits.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;

/**
 * Looks at the text before `JSON.parse` does: nesting depth and the number of values, with
 * string contents skipped. Deep or token-heavy bodies (`[[[…]]]`, a million tiny numbers) are
 * what make `JSON.parse` slow; this loop refuses them in about a millisecond per MiB.
 * Malformed text is left for `JSON.parse` to report. Returns the limit broken, or undefined.
 */
export function prescanJson(
  text: string,
  limits: Pick<JsonLimits, 'maxDepth' | 'maxTokens'>,
): string | undefined {
  const length = text.length;
  // Most bodies are small: with no more `{`/`[` anywhere than the depth allowed, and fewer
  // characters than the values allowed, no limit can be broken (native searches, no walk).
  if (length <= limits.maxTokens && fewOpeners(text, limits.maxDepth)) return undefined;
  let depth = 0;
  let tokens = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip to the closing quote; a quote after an odd run of backslashes is escaped.
      let end = text.indexOf('"', i + 1);
      while (end > 0) {
        let slashes = 0;
        for (let j = end - 1; text.charCodeAt(j) === BACKSLASH; j--) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end < 0) return undefined;
      i = end;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limits.maxDepth) return 'nesting too deep';
      if (++tokens > limits.maxTokens) return 'too many values';
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    } else if (c === COMMA) {
      if (++tokens > limits.maxTokens) return 'too many values';
    }
  }
  return undefined;
}

/** True when `{` and `[` occur at most `max` times in all (strings included). */
function fewOpeners(text: string, max: number): boolean {
  let count = 0;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1))
    if (++count > max) return false;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1))
    if (++count > max) return false;
  return true;
}
