import type { McpPrincipal } from '../../security/principal.interface.js';
import type { McpStream } from './mcp-stream.js';

/**
 * The SSE streams open in this process, by session: the standalone GET stream (one per
 * session) and the POST streams a resuming client may re-attach to.
 */
export class LiveStreams {
  private readonly requestStreams = new Map<string, McpStream>();
  private readonly getStreams = new Map<string, McpStream>();
  /** Who opened each GET stream: deliveries are checked against that principal. */
  private readonly listeners = new Map<string, McpPrincipal>();

  addRequestStream(sessionKey: string, stream: McpStream): void {
    this.requestStreams.set(`${sessionKey}\u0000${stream.streamId}`, stream);
  }

  removeRequestStream(sessionKey: string, stream: McpStream): void {
    this.requestStreams.delete(`${sessionKey}\u0000${stream.streamId}`);
  }

  requestStream(sessionKey: string, streamId: string): McpStream | undefined {
    return this.requestStreams.get(`${sessionKey}\u0000${streamId}`);
  }

  getStream(sessionId: string): McpStream | undefined {
    return this.getStreams.get(sessionId);
  }

  setGetStream(sessionId: string, stream: McpStream | undefined, principal?: McpPrincipal): void {
    if (stream) {
      this.getStreams.set(sessionId, stream);
      if (principal) this.listeners.set(sessionId, principal);
    } else {
      this.getStreams.delete(sessionId);
      this.listeners.delete(sessionId);
    }
  }

  /** The principal that opened the session's GET stream. */
  getStreamPrincipal(sessionId: string): McpPrincipal | undefined {
    return this.listeners.get(sessionId);
  }

  /** The session ids that have a GET stream open here. */
  sessionsWithGetStream(): string[] {
    return [...this.getStreams.keys()];
  }

  get openCount(): number {
    return this.requestStreams.size + this.getStreams.size;
  }

  /** Drops every connection (shutdown), so the HTTP server can close; clients reconnect elsewhere. */
  disconnectAll(retryMs?: number): void {
    for (const stream of [...this.getStreams.values(), ...this.requestStreams.values()])
      stream.disconnect(retryMs);
    this.getStreams.clear();
    this.listeners.clear();
    this.requestStreams.clear();
  }

  /** Ends every stream of a session (after DELETE). */
  closeSession(sessionId: string, sessionKey: string): void {
    this.getStreams.get(sessionId)?.disconnect();
    this.getStreams.delete(sessionId);
    this.listeners.delete(sessionId);
    for (const [key, stream] of this.requestStreams) {
      if (key.startsWith(`${sessionKey}\u0000`)) {
        stream.disconnect();
        this.requestStreams.delete(key);
      }
    }
  }
}
