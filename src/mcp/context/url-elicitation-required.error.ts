import { ErrorCode, McpError } from '../protocol/mcp.error.js';

/** One URL the user must visit (the URL mode of elicitation). */
export interface UrlElicitation {
  mode: 'url';
  message: string;
  url: string;
  elicitationId: string;
}

/**
 * Throw from a handler when the call cannot go on until the user completes URL flows (for
 * example an OAuth consent): the client receives -32042 with the URLs to open, and may retry
 * after `notifications/elicitation/complete` (send it with `McpNotifier.elicitationComplete`).
 * @example
 * throw new UrlElicitationRequiredError([{ mode: 'url', message: 'Connect your calendar', url, elicitationId }]);
 */
export class UrlElicitationRequiredError extends McpError {
  constructor(
    elicitations: UrlElicitation[],
    message = `URL elicitation${elicitations.length > 1 ? 's' : ''} required`,
  ) {
    super(ErrorCode.UrlElicitationRequired, message, { elicitations });
    this.name = 'UrlElicitationRequiredError';
  }
}
