import type { InputMethod } from '../context/mcp-exchange.interface.js';
import { ErrorCode, McpRequestError } from './mcp.error.js';

const CAPABILITY_OF: Record<InputMethod, string> = {
  'elicitation/create': 'elicitation',
  'sampling/createMessage': 'sampling',
  'roots/list': 'roots',
};

/** Whether the client's elicitation capability covers this mode (`{}` alone means form only). */
function supportsElicitationMode(capability: unknown, mode: 'form' | 'url'): boolean {
  if (capability === null || typeof capability !== 'object') return false;
  const { form, url } = capability as { form?: unknown; url?: unknown };
  if (mode === 'url') return url !== undefined;
  return form !== undefined || url === undefined;
}

/** Refuses a server→client input the client never declared it can answer (-32021). */
export function assertClientCapability(
  method: InputMethod,
  capabilities: Record<string, unknown>,
  params: Record<string, unknown> = {},
): void {
  const name = CAPABILITY_OF[method];
  const declared = capabilities[name] !== undefined && capabilities[name] !== null;
  const mode = params.mode === 'url' ? 'url' : 'form';
  if (
    declared &&
    (method !== 'elicitation/create' || supportsElicitationMode(capabilities[name], mode))
  )
    return;
  const required = method === 'elicitation/create' && mode === 'url' ? { url: {} } : {};
  throw new McpRequestError(
    ErrorCode.MissingCapability,
    `This request needs the client capability "${name}"${mode === 'url' && method === 'elicitation/create' ? ' (url mode)' : ''}, which the client did not declare`,
    { requiredCapabilities: { [name]: required } },
  );
}
