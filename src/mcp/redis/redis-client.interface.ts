/**
 * The part of an ioredis client (`Redis` or `Cluster`) this library uses, restated so that its
 * published types never import the optional peer. Any ioredis 5/6 client fits as it is.
 */
export interface McpRedisClient {
  /** Sends one command (`client.call('SET', key, value)`). */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  /** A second connection with the same options (the bus subscribes on it). */
  duplicate(): McpRedisClient;
  /** Subscribes this connection to channels (the bus's own duplicate only). */
  subscribe(...channels: string[]): Promise<unknown>;
  /** A message on a subscribed channel. */
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  /** A connection error (the client reconnects by itself). */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Closes the connection after pending replies (only clients this library made). */
  quit(): Promise<unknown>;
  /** Present on ioredis clients; called when a duplicate has not connected yet. */
  connect?(): Promise<unknown>;
  /** Closes the connection at once. */
  disconnect(): void;
  readonly status: string;
}

/** `McpModule.forRoot({ redis })`: several replicas share sessions, events, nonces, limits, tasks. */
export type McpRedisOptions = (
  | {
      /** `redis://[user:pass@]host:port[/db]` or `rediss://…` (TLS). */
      url: string;
      client?: never;
    }
  | {
      /**
       * A client you built (`new Redis(…)`, `new Cluster(…)`, Sentinel, TLS): used as it is and
       * never closed by this library.
       */
      client: McpRedisClient;
      url?: never;
    }
) & {
  /** Prefix of every key and of the bus channel (default `mcp:`); give each app its own. */
  keyPrefix?: string;
  /** A command that has not answered within this time fails (503 to the client). Default 1000 ms. */
  commandTimeoutMs?: number;
  /** Bounds of each recorded SSE stream: events kept (default 1000) and their age (default 30 min). */
  events?: { maxLength?: number; maxAgeMs?: number };
};
