/** The 2026-07-28 tasks extension id (clientCapabilities.extensions / capabilities.extensions). */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';
/** `_meta` key tying a session-era message to its task (2025-11-25). */
export const RELATED_TASK_META = 'io.modelcontextprotocol/related-task';

export const DEFAULT_TASK_TTL_MS = 60 * 60_000;
export const DEFAULT_TASK_POLL_INTERVAL_MS = 500;
export const DEFAULT_MAX_TASKS = 10_000;
/**
 * How long a `taskSupport: 'required'` tool runs inside its stateless `tools/call` before
 * the task is created: questions it asks at once go through input-required rounds on the
 * call itself (SEP-2663: resolve MRTR exchanges before returning CreateTaskResult). Wide
 * enough that a loaded machine still reaches a handler's opening question inside it.
 */
export const MRTR_WINDOW_MS = 250;
