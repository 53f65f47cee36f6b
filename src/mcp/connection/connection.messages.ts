import type { JsonRpcId } from '../protocol/jsonrpc.types.js';

/** Texts of the session-era connection core. */
export const ConnectionMessages = {
  sessionNotFound: () => 'Session not found',
  idInUse: (id: JsonRpcId) =>
    `Request id ${JSON.stringify(id)} is already in use by a request still running`,
  cancelledByClient: () => 'Cancelled by the client',
  ownerGone: () =>
    'The server instance running this request stopped before it finished; send the request again',
} as const;
