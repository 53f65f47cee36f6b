/** One item of `resources/read` contents. */
export type ResourceContents = {
  uri: string;
  mimeType?: string;
  _meta?: Record<string, unknown>;
} & ({ text: string } | { blob: string });

function one(
  value: unknown,
  uri: string,
  mimeType: string | undefined,
): ResourceContents | undefined {
  const base = { uri, ...(mimeType ? { mimeType } : {}) };
  if (typeof value === 'string') return { ...base, text: value };
  if (value instanceof Uint8Array) return { ...base, blob: Buffer.from(value).toString('base64') };
  if (value && typeof value === 'object' && ('text' in value || 'blob' in value)) {
    return { ...base, ...(value as object) } as ResourceContents;
  }
  return undefined;
}

/**
 * Turns a resource handler's return value into `contents`: a string (text), bytes (base64
 * blob), one `{ text | blob }` item, an array of them, or a full `{ contents }` result.
 * Returns undefined when nothing readable came back (the caller answers "not found").
 */
export function normalizeResourceContents(
  value: unknown,
  uri: string,
  mimeType?: string,
): ResourceContents[] | undefined {
  const items = value && typeof value === 'object' && 'contents' in value ? value.contents : value;
  const list = Array.isArray(items) ? items : [items];
  const contents = list.map((item) => one(item, uri, mimeType));
  if (contents.length === 0 || contents.some((c) => c === undefined)) return undefined;
  return contents as ResourceContents[];
}
