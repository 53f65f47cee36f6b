/**
 * Suggests values for one argument of a prompt or variable of a resource template.
 * `context` holds the values of the other arguments already chosen.
 */
export type CompletionHook = (
  value: string,
  context: Record<string, string>,
) => string[] | Promise<string[]>;
