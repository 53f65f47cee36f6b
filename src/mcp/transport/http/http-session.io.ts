import type { IncomingMessage } from 'node:http';
import type { MessageChannel } from '../../context/message-channel.interface.js';
import type { SessionIo } from '../../era/session-era/session-era.adapter.js';
import type { ClientKey } from '../../security/client-key.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import type { SessionStore } from '../../session/session-store.interface.js';

/**
 * What the session era gets for one request over HTTP (Streamable HTTP or legacy SSE). The
 * signal is read through `abort` only when a handler asks: most never look at it.
 */
export function httpSessionIo(
  req: IncomingMessage,
  caller: { principal: McpPrincipal; clientKey: ClientKey },
  channel: MessageChannel,
  abort: { readonly signal: AbortSignal },
  sessions: SessionStore,
): SessionIo {
  return {
    principal: caller.principal,
    clientKey: caller.clientKey,
    channel,
    get signal() {
      return abort.signal;
    },
    httpRequest: req,
    save: (session) => sessions.update(session),
  };
}
