import type { McpSession } from '../session/session.interface.js';
import { sessionKeyOf } from '../session/session-key.js';
import {
  resolveSessionQuotas,
  type SessionCreateOutcome,
  type SessionQuotas,
  type SessionStore,
} from '../session/session-store.interface.js';
import { RedisScript, type RedisGateway } from './redis.gateway.js';

// Every session key shares one hash tag, so the scripts run on a Redis Cluster too.
// Quotas (KEYS[3] the quota key's set, KEYS[4] all anonymous sessions): 2 = over a quota.
const CREATE = new RedisScript(`
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then return 0 end
if ARGV[6] ~= '' then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[3])
  if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[6]) then return 2 end
  if ARGV[7] ~= '' then
    redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[3])
    if redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[7]) then return 2 end
    redis.call('ZADD', KEYS[4], ARGV[3] + ARGV[2], ARGV[5])
  end
  redis.call('ZADD', KEYS[3], ARGV[3] + ARGV[2], ARGV[5])
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3] + ARGV[2], ARGV[5])
return 1`);

const GET = new RedisScript(`
local v = redis.call('GET', KEYS[1])
if v then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  redis.call('ZADD', KEYS[2], ARGV[2] + ARGV[1], ARGV[3])
  local q = cjson.decode(v).quotaKey
  if type(q) == 'string' then
    redis.call('ZADD', ARGV[4] .. q, 'XX', ARGV[2] + ARGV[1], ARGV[3])
    if string.sub(q, 1, 5) == 'anon:' then
      redis.call('ZADD', ARGV[5], 'XX', ARGV[2] + ARGV[1], ARGV[3])
    end
  end
end
return v`);

// Keeps the URI → sessions index in step with the record's subscriptions.
const UPDATE = new RedisScript(`
local old = redis.call('GET', KEYS[1])
if not old then return 0 end
local before = cjson.decode(old).subscriptions or {}
local after = cjson.decode(ARGV[1]).subscriptions or {}
local keep = {}
for _, uri in ipairs(after) do keep[uri] = true end
for _, uri in ipairs(before) do
  if not keep[uri] then redis.call('SREM', ARGV[4] .. uri, ARGV[3]) end
end
for _, uri in ipairs(after) do
  redis.call('SADD', ARGV[4] .. uri, ARGV[3])
  redis.call('PEXPIRE', ARGV[4] .. uri, ARGV[2])
end
-- The quota key is fixed at creation: the stored one is kept whatever the caller sends.
local record = ARGV[1]
local q = cjson.decode(old).quotaKey
if type(q) == 'string' then record = '{"quotaKey":' .. cjson.encode(q) .. ',' .. string.sub(record, 2) end
redis.call('SET', KEYS[1], record, 'PX', ARGV[2])
return 1`);

const DELETE = new RedisScript(`
local old = redis.call('GET', KEYS[1])
if old then
  local record = cjson.decode(old)
  for _, uri in ipairs(record.subscriptions or {}) do
    redis.call('SREM', ARGV[2] .. uri, ARGV[1])
  end
  if type(record.quotaKey) == 'string' then
    redis.call('ZREM', ARGV[4] .. record.quotaKey, ARGV[3])
    redis.call('ZREM', ARGV[5], ARGV[3])
  end
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[3])
return 1`);

const COUNT = new RedisScript(`
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return redis.call('ZCARD', KEYS[1])`);

// Members whose session expired are dropped from the index as they are found.
const SUBSCRIBERS = new RedisScript(`
local alive = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local sep = string.find(member, '\\0', 1, true)
  local id = string.sub(member, sep + 1)
  if redis.call('EXISTS', ARGV[1] .. id) == 1 then table.insert(alive, member)
  else redis.call('SREM', KEYS[1], member) end
end
return alive`);

/**
 * Sessions in Redis: one JSON record per session with the idle TTL as its expiry, refreshed on
 * every read; a sorted set counts live sessions across all replicas for the cap, and one per
 * quota key (plus one of all anonymous sessions) for the session quotas. `onEnded` is not
 * offered (expiry happens in Redis, unseen by any replica): event logs expire with the idle TTL.
 */
export class RedisSessionStore implements SessionStore {
  private readonly quotas: SessionQuotas;

  constructor(
    private readonly redis: RedisGateway,
    private readonly idleTtlMs: number,
    private readonly maxSessions: number,
    quotas: Partial<SessionQuotas> = {},
  ) {
    this.quotas = resolveSessionQuotas(quotas);
  }

  private get quotaPrefix(): string {
    return `${this.tag}:q:`;
  }

  private get anonymousKey(): string {
    return `${this.tag}:anon`;
  }

  private get tag(): string {
    return this.redis.key('{sessions}');
  }

  private recordKey(id: string): string {
    return `${this.tag}:s:${id}`;
  }

  private get indexKey(): string {
    return `${this.tag}:live`;
  }

  private get subscriptionPrefix(): string {
    return `${this.tag}:sub:`;
  }

  async create(session: McpSession): Promise<SessionCreateOutcome> {
    const key = session.quotaKey;
    const anonymous = key?.startsWith('anon:') === true;
    const limit =
      key === undefined
        ? ''
        : anonymous
          ? this.quotas.perAnonymousAddress
          : this.quotas.perPrincipal;
    const anonymousCap = anonymous ? this.maxSessions * this.quotas.anonymousShare : '';
    const created = await this.redis.script(
      CREATE,
      [
        this.recordKey(session.id),
        this.indexKey,
        this.quotaPrefix + (key ?? ''),
        this.anonymousKey,
      ],
      [
        JSON.stringify(session),
        this.idleTtlMs,
        Date.now(),
        this.maxSessions,
        session.id,
        limit,
        anonymousCap,
      ],
    );
    if (created === 2) return 'quota';
    if (created === 1 && session.subscriptions.length > 0) await this.update(session);
    return created === 1;
  }

  async get(id: string): Promise<McpSession | undefined> {
    const now = Date.now();
    const raw = await this.redis.script(
      GET,
      [this.recordKey(id), this.indexKey],
      [this.idleTtlMs, now, id, this.quotaPrefix, this.anonymousKey],
    );
    if (typeof raw !== 'string') return undefined;
    const session = JSON.parse(raw) as McpSession;
    session.lastSeenAt = now;
    return session;
  }

  async update(session: McpSession): Promise<void> {
    await this.redis.script(
      UPDATE,
      [this.recordKey(session.id)],
      [
        JSON.stringify({ ...session, quotaKey: undefined, lastSeenAt: Date.now() }),
        this.idleTtlMs,
        member(session),
        this.subscriptionPrefix,
      ],
    );
  }

  async delete(id: string): Promise<void> {
    const raw = await this.redis.call('GET', this.recordKey(id));
    const principalId = typeof raw === 'string' ? (JSON.parse(raw) as McpSession).principalId : '';
    await this.redis.script(
      DELETE,
      [this.recordKey(id), this.indexKey],
      [
        member({ id, principalId }),
        this.subscriptionPrefix,
        id,
        this.quotaPrefix,
        this.anonymousKey,
      ],
    );
  }

  async count(): Promise<number> {
    return Number(await this.redis.script(COUNT, [this.indexKey], [Date.now()]));
  }

  async subscribersOf(uri: string): Promise<Pick<McpSession, 'id' | 'principalId'>[]> {
    const members = (await this.redis.script(
      SUBSCRIBERS,
      [this.subscriptionPrefix + uri],
      [`${this.tag}:s:`],
    )) as string[];
    return members.map((m) => {
      const sep = m.indexOf('\u0000');
      return { principalId: m.slice(0, sep), id: m.slice(sep + 1) };
    });
  }
}

/** A session's member in the principal and expiry sets: the same key as everywhere else. */
const member = sessionKeyOf;
