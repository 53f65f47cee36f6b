import type { RegisteredTool } from '../registry/registry.types.js';

export interface CallToolResult extends Record<string, unknown> {
  content: Record<string, unknown>[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** A tool failure as the model should see it: a result, not a protocol error. */
export function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

function isCallToolResult(value: unknown): value is CallToolResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { content?: unknown }).content)
  );
}

/**
 * Turns what a handler returned into a CallToolResult: a full result passes through, a string
 * becomes one text block, and any other value becomes structured content (validated when the
 * tool declares an output schema) plus its JSON as text for clients that read only text.
 */
export async function normalizeToolResult(
  value: unknown,
  tool: RegisteredTool,
): Promise<CallToolResult> {
  if (isCallToolResult(value)) return value;
  if (typeof value === 'string') return { content: [{ type: 'text', text: value }] };
  if (value === undefined || value === null) return { content: [] };
  let structured: Record<string, unknown>;
  try {
    structured = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  } catch (error) {
    return toolError(
      `Tool ${tool.definition.name} returned a value that cannot be sent as JSON: ${(error as Error).message}`,
    );
  }
  if (tool.output) {
    const check = await tool.output.validate(structured);
    if (!check.ok)
      return toolError(
        `Tool ${tool.definition.name} returned output that does not match its outputSchema: ${check.message}`,
      );
  }
  const isObject = typeof structured === 'object' && !Array.isArray(structured);
  return {
    content: [{ type: 'text', text: JSON.stringify(structured) }],
    ...(isObject && tool.output ? { structuredContent: structured } : {}),
  };
}
