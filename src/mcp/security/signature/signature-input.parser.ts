import { isInnerList, parseDictionary, type Dictionary, type InnerList } from 'structured-headers';
import {
  MAX_COVERED_COMPONENTS,
  MAX_SIGNATURE_BYTES,
  MAX_SIGNATURE_INPUT_BYTES,
  MCP_SIGNATURE_TAG,
} from './signature.constants.js';
import { countDictionaryMembers, decimalParameters, singleLine } from './structured-field.util.js';
import { malformed, rejected } from './verification.failure.js';
import type { VerificationFailure } from './signature.types.js';

/** The one `tag="mcp"` signature of a request, as selected from its two fields. */
export interface SelectedSignature {
  label: string;
  /** The covered components and signature parameters, exactly as parsed. */
  innerList: InnerList;
  componentNames: readonly string[];
  signature: Buffer;
}

/**
 * Parses `Signature-Input`/`Signature` strictly and selects the single label tagged `mcp`.
 * Labels with other tags (a CDN's, Web Bot Auth's) are ignored but must still be well-formed.
 * Call only when at least one of the two fields is present.
 */
export function selectSignature(
  headers: Record<string, string[]>,
): SelectedSignature | VerificationFailure {
  const inputLine = singleLine(headers, 'signature-input');
  const sigLine = singleLine(headers, 'signature');
  if (inputLine === undefined || sigLine === undefined) {
    return malformed('Signature-Input and Signature must be sent together');
  }
  if (inputLine === null || sigLine === null) {
    return malformed('Signature-Input or Signature sent on more than one line');
  }
  if (inputLine.length > MAX_SIGNATURE_INPUT_BYTES || sigLine.length > MAX_SIGNATURE_BYTES) {
    return malformed('signature fields exceed the size limit');
  }
  const decimals = decimalParameters(inputLine, ['created', 'expires']);
  if (decimals.length > 0)
    return malformed(`${decimals.join(', ')} must be an SF Integer, not a Decimal`);
  const inputs = parseDict(inputLine);
  const sigs = parseDict(sigLine);
  if (inputs === null || sigs === null)
    return malformed('signature fields are not SF dictionaries');
  const shapeError = checkShapes(inputs, sigs);
  if (shapeError) return malformed(shapeError);

  const candidates = [...inputs].filter(
    ([, member]) => (member as InnerList)[1].get('tag') === MCP_SIGNATURE_TAG,
  );
  if (candidates.length === 0) return rejected('no signature with tag="mcp"');
  if (candidates.length > 1) return malformed('more than one signature with tag="mcp"');
  const [label, member] = candidates[0];
  return toSelected(label, member as InnerList, sigs);
}

function parseDict(line: string): Dictionary | null {
  try {
    const dict = parseDictionary(line);
    return dict.size > 0 && dict.size === countDictionaryMembers(line) ? dict : null;
  } catch {
    return null;
  }
}

/** Both fields must name the same labels; inputs are inner lists, signatures byte sequences. */
function checkShapes(inputs: Dictionary, sigs: Dictionary): string | undefined {
  if (inputs.size !== sigs.size || [...inputs.keys()].some((label) => !sigs.has(label))) {
    return 'a label is present in only one of Signature-Input and Signature';
  }
  for (const [label, member] of inputs) {
    if (!isInnerList(member)) return `Signature-Input member "${label}" is not an inner list`;
    const sig = sigs.get(label);
    if (sig === undefined || isInnerList(sig) || !(sig[0] instanceof ArrayBuffer)) {
      return `Signature member "${label}" is not a byte sequence`;
    }
  }
  return undefined;
}

function toSelected(
  label: string,
  innerList: InnerList,
  sigs: Dictionary,
): SelectedSignature | VerificationFailure {
  const items = innerList[0];
  if (items.length > MAX_COVERED_COMPONENTS) return malformed('too many covered components');
  const names: string[] = [];
  for (const [name] of items) {
    if (typeof name !== 'string') return malformed('a component identifier is not a string');
    names.push(name);
  }
  if (new Set(names).size !== names.length) return malformed('duplicate covered component');
  const sig = sigs.get(label)![0] as ArrayBuffer;
  return { label, innerList, componentNames: names, signature: Buffer.from(sig) };
}
