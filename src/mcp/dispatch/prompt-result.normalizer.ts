/** One message of a `prompts/get` result. */
export interface PromptMessage {
  role: 'user' | 'assistant';
  content: Record<string, unknown>;
}

function isMessage(value: unknown): value is PromptMessage {
  return typeof value === 'object' && value !== null && 'role' in value && 'content' in value;
}

/**
 * A string becomes one user text message; an array is taken as the messages; an object
 * with `messages` passes through.
 */
export function normalizePromptResult(
  value: unknown,
  description?: string,
): Record<string, unknown> {
  const base = description ? { description } : {};
  if (typeof value === 'string')
    return { ...base, messages: [{ role: 'user', content: { type: 'text', text: value } }] };
  if (Array.isArray(value)) return { ...base, messages: value.filter(isMessage) };
  if (
    value &&
    typeof value === 'object' &&
    Array.isArray((value as { messages?: unknown }).messages)
  ) {
    return { ...base, ...(value as Record<string, unknown>) };
  }
  throw new Error('A prompt handler must return a string, an array of messages or { messages }');
}
