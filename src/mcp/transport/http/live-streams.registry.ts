import type { McpStream } from './mcp-stream.js';
import type { StreamFollower } from './stream-follower.js';

/**
 * The SSE streams open in this process, by session: the POST streams whose handler runs here
 * (a resuming client may re-attach to them), and the connections that follow a recorded
 * stream written elsewhere (every GET stream, and POST streams resumed on this replica).
 */
export class LiveStreams {
  private readonly requestStreams = new Map<string, McpStream>();
  private readonly followers = new Map<string, Set<StreamFollower>>();

  addRequestStream(sessionKey: string, stream: McpStream): void {
    this.requestStreams.set(`${sessionKey}\u0000${stream.streamId}`, stream);
  }

  removeRequestStream(sessionKey: string, stream: McpStream): void {
    this.requestStreams.delete(`${sessionKey}\u0000${stream.streamId}`);
  }

  requestStream(sessionKey: string, streamId: string): McpStream | undefined {
    return this.requestStreams.get(`${sessionKey}\u0000${streamId}`);
  }

  /** Registers a follower until its connection closes. */
  follow(follower: StreamFollower): void {
    const key = `${follower.sessionKey}\u0000${follower.streamId}`;
    let set = this.followers.get(key);
    if (!set) this.followers.set(key, (set = new Set()));
    set.add(follower);
    follower.connection.onClose(() => {
      set.delete(follower);
      if (set.size === 0 && this.followers.get(key) === set) this.followers.delete(key);
    });
  }

  followersOf(sessionKey: string, streamId: string): ReadonlySet<StreamFollower> | undefined {
    return this.followers.get(`${sessionKey}\u0000${streamId}`);
  }

  /** The session keys that have a connection following this stream id here. */
  sessionsFollowing(streamId: string): string[] {
    const suffix = `\u0000${streamId}`;
    return [...this.followers.keys()]
      .filter((key) => key.endsWith(suffix))
      .map((key) => key.slice(0, -suffix.length));
  }

  get openCount(): number {
    let count = this.requestStreams.size;
    for (const set of this.followers.values()) count += set.size;
    return count;
  }

  /** Drops every connection (shutdown), so the HTTP server can close; clients reconnect elsewhere. */
  disconnectAll(retryMs?: number): void {
    for (const stream of this.requestStreams.values()) stream.disconnect(retryMs);
    for (const set of [...this.followers.values()])
      for (const f of [...set]) f.connection.close(retryMs);
    this.requestStreams.clear();
    this.followers.clear();
  }

  /** Ends every stream of a session (after DELETE). */
  closeSession(sessionKey: string): void {
    const prefix = `${sessionKey}\u0000`;
    for (const [key, stream] of this.requestStreams) {
      if (key.startsWith(prefix)) {
        stream.disconnect();
        this.requestStreams.delete(key);
      }
    }
    for (const [key, set] of [...this.followers]) {
      if (!key.startsWith(prefix)) continue;
      for (const f of [...set]) f.connection.close();
      this.followers.delete(key);
    }
  }
}
