/**
 * A value already serialised to JSON (a cached list page, say). {@link stringifyMessage}
 * splices it into a message as is; anything else that serialises it (JSON.stringify) gets the
 * parsed value through toJSON, so it is never wrong, only slower.
 */
export class RawJson {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json) as unknown;
  }
}

function hasRaw(result: object): boolean {
  for (const key in result)
    if ((result as Record<string, unknown>)[key] instanceof RawJson) return true;
  return false;
}

/**
 * Serialises a JSON-RPC message once, splicing in the {@link RawJson} fields of its result
 * without parsing or re-serialising them. Messages without such fields are JSON.stringify'd.
 */
export function stringifyMessage(message: object): string {
  const result = (message as { result?: unknown }).result;
  if (result === null || typeof result !== 'object' || !hasRaw(result))
    return JSON.stringify(message);
  const fields: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (value === undefined) continue;
    const json = value instanceof RawJson ? value.json : JSON.stringify(value);
    if (json !== undefined) fields.push(`${JSON.stringify(key)}:${json}`);
  }
  const { result: _, ...head } = message as Record<string, unknown>;
  const envelope = JSON.stringify(head);
  const separator = envelope === '{}' ? '' : ',';
  return `${envelope.slice(0, -1)}${separator}"result":{${fields.join(',')}}}`;
}
