/** How a tool call ended: a result, a tool error (`isError`), a protocol error, or input needed. */
export type ToolCallOutcome = 'ok' | 'error' | 'protocol_error' | 'input_required';

/** Hears each finished `tools/call` of a registered tool (metrics subscribe; dispatch never knows them). */
export type ToolCallListener = (tool: string, outcome: ToolCallOutcome, seconds: number) => void;
