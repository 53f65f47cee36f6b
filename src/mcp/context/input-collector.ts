import type { InputMethod } from './mcp-exchange.interface.js';
import { InputRequiredSignal } from './input-required.signal.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';

/**
 * Answers `ctx.elicit()` / `sample()` / `roots()` in the stateless era from the retry's
 * answers; questions without an answer are gathered (siblings asked in the same tick too)
 * and end the run with an input-required result.
 */
export class InputCollector {
  private readonly missing: Record<string, { method: string; params: Record<string, unknown> }> =
    {};
  private flush?: Promise<never>;

  constructor(private readonly answers: Record<string, unknown>) {}

  async ask(
    method: InputMethod,
    params: Record<string, unknown>,
    key: string,
  ): Promise<Record<string, unknown>> {
    if (key in this.answers) {
      const answer = this.answers[key];
      if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
        throw new McpError(
          ErrorCode.InvalidParams,
          `inputResponses.${key} must be an object`,
          undefined,
          400,
        );
      }
      return answer as Record<string, unknown>;
    }
    this.missing[key] = { method, params };
    // Wait one macrotask so parallel questions (Promise.all) are all collected before ending.
    this.flush ??= new Promise<never>((_, reject) =>
      setImmediate(() => reject(new InputRequiredSignal({ ...this.missing }))),
    );
    return this.flush;
  }
}
