import type { McpSession } from './session.interface.js';

/** A session's key in the event log and reply routing: its owner and id, never the id alone. */
export const sessionKeyOf = (session: Pick<McpSession, 'id' | 'principalId'>): string =>
  `${session.principalId}\u0000${session.id}`;

/** The id of a session's standalone GET stream: one per session, resumable on any replica. */
export const GET_STREAM_ID = 'g';
