import { createHash } from 'node:crypto';
import type { JsonRpcMessage } from '../protocol/jsonrpc.types.js';
import type { EventStore, StreamMeta } from '../session/event-store.interface.js';
import { RedisScript, type RedisGateway } from './redis.gateway.js';

/** Bounds of each recorded stream. */
export interface RedisEventStoreOptions {
  /** Events kept per stream (older ones are trimmed). Default 1000. */
  maxLength?: number;
  /** Events older than this are never replayed, and a stream idle this long is dropped. Default 30 min. */
  maxAgeMs?: number;
}

// KEYS: counter, stream, meta, stream-id set. Entry ids are 0-<sequence>, so an event id maps
// straight to its entry.
const OPEN = new RedisScript(`
local n = redis.call('GET', KEYS[1])
if not n then n = 0; redis.call('SET', KEYS[1], 0, 'PX', ARGV[1]) end
if ARGV[2] ~= '' then redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[1]) end
redis.call('SADD', KEYS[4], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[4], ARGV[1])
return tonumber(n)`);

const APPEND = new RedisScript(`
if ARGV[4] == '1' and redis.call('EXISTS', KEYS[1]) == 0 then return false end
local n = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[3], '0-' .. n, 'm', ARGV[1], 't', ARGV[5])
redis.call('SADD', KEYS[4], ARGV[6])
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return n`);

const REPLAY = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return redis.call('XRANGE', KEYS[2], '(0-' .. ARGV[1], '+')`);

// A finished stream's keys live at most the grace period (a later append extends them again).
const FINISH = new RedisScript(`
for i = 1, 3 do
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl == -1 or ttl > tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
end
return 1`);

const DROP = new RedisScript(`
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  redis.call('DEL', ARGV[1] .. id .. ':n', ARGV[1] .. id .. ':x', ARGV[1] .. id .. ':m')
end
redis.call('DEL', KEYS[1])
return 1`);

/**
 * SSE streams in Redis Streams, bounded in length and age: a client resumes with
 * `Last-Event-ID` on any replica. Keys of one session share a hash tag (Cluster-safe). A
 * finished stream is kept for its grace period; every key also expires after the session idle
 * TTL (no per-session cap of stream logs here: they age out instead).
 */
export class RedisEventStore implements EventStore {
  private readonly maxLength: number;
  private readonly maxAgeMs: number;

  constructor(
    private readonly redis: RedisGateway,
    options: RedisEventStoreOptions = {},
  ) {
    this.maxLength = options.maxLength ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 30 * 60_000;
  }

  async openStream(sessionKey: string, streamId: string, meta?: StreamMeta): Promise<string> {
    const n = await this.redis.script(OPEN, this.keys(sessionKey, streamId), [
      this.maxAgeMs,
      meta ? JSON.stringify(meta) : '',
      streamId,
    ]);
    return `${streamId}.${Number(n)}`;
  }

  append(sessionKey: string, streamId: string, message: JsonRpcMessage): Promise<string> {
    return this.add(sessionKey, streamId, message, false) as Promise<string>;
  }

  appendIfOpen(
    sessionKey: string,
    streamId: string,
    message: JsonRpcMessage,
  ): Promise<string | undefined> {
    return this.add(sessionKey, streamId, message, true);
  }

  async streamMeta(sessionKey: string, streamId: string): Promise<StreamMeta | undefined> {
    const [counter, , metaKey] = this.keys(sessionKey, streamId);
    const [meta, exists] = await Promise.all([
      this.redis.call('GET', metaKey),
      this.redis.call('EXISTS', counter),
    ]);
    if (typeof meta === 'string') return JSON.parse(meta) as StreamMeta;
    return exists === 1 ? { owner: '' } : undefined;
  }

  async replayAfter(
    sessionKey: string,
    lastEventId: string,
    send: (eventId: string, message: JsonRpcMessage) => void,
  ): Promise<string | undefined> {
    const dot = lastEventId.lastIndexOf('.');
    const digits = lastEventId.slice(dot + 1);
    if (dot <= 0 || !/^\d+$/.test(digits)) return undefined;
    const streamId = lastEventId.slice(0, dot);
    const entries = await this.redis.script(REPLAY, this.keys(sessionKey, streamId), [digits]);
    if (!Array.isArray(entries)) return undefined;
    const oldest = Date.now() - this.maxAgeMs;
    for (const [entryId, fields] of entries as [string, string[]][]) {
      const field = (name: string): string | undefined => fields[fields.indexOf(name) + 1];
      if (Number(field('t')) < oldest) continue;
      send(`${streamId}.${entryId.slice(2)}`, JSON.parse(field('m') ?? 'null') as JsonRpcMessage);
    }
    return streamId;
  }

  async finishStream(sessionKey: string, streamId: string, graceMs: number): Promise<void> {
    await this.redis.script(FINISH, this.keys(sessionKey, streamId), [Math.max(1, graceMs)]);
  }

  async deleteSession(sessionKey: string): Promise<void> {
    const prefix = this.prefix(sessionKey);
    await this.redis.script(DROP, [`${prefix}streams`], [prefix]);
  }

  private async add(
    sessionKey: string,
    streamId: string,
    message: JsonRpcMessage,
    onlyIfOpen: boolean,
  ): Promise<string | undefined> {
    const n = await this.redis.script(APPEND, this.keys(sessionKey, streamId), [
      JSON.stringify(message),
      this.maxAgeMs,
      this.maxLength,
      onlyIfOpen ? '1' : '0',
      Date.now(),
      streamId,
    ]);
    return typeof n === 'number' ? `${streamId}.${n}` : undefined;
  }

  /** One hash tag per session (a digest: principal ids may contain braces). */
  private prefix(sessionKey: string): string {
    const tag = createHash('sha1').update(sessionKey).digest('base64url').slice(0, 16);
    return this.redis.key(`ev:{${tag}}:`);
  }

  private keys(sessionKey: string, streamId: string): string[] {
    const p = this.prefix(sessionKey);
    return [`${p}${streamId}:n`, `${p}${streamId}:x`, `${p}${streamId}:m`, `${p}streams`];
  }
}
