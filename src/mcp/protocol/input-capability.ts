import type { InputMethod } from '../context/mcp-exchange.interface.js';
import { ErrorCode, McpError } from './mcp.error.js';

const CAPABILITY_OF: Record<InputMethod, string> = {
  'elicitation/create': 'elicitation',
  'sampling/createMessage': 'sampling',
  'roots/list': 'roots',
};

/** Refuses a server→client input the client never declared it can answer (-32021). */
export function assertClientCapability(
  method: InputMethod,
  capabilities: Record<string, unknown>,
): void {
  const name = CAPABILITY_OF[method];
  if (capabilities[name] === undefined || capabilities[name] === null) {
    throw new McpError(
      ErrorCode.MissingCapability,
      `This request needs the client capability "${name}", which the client did not declare`,
      { requiredCapabilities: { [name]: {} } },
      400,
    );
  }
}
