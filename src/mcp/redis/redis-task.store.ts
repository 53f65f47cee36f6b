import type { TaskStore } from '../tasks/task-store.interface.js';
import type { StoredTask } from '../tasks/task.types.js';
import { RedisScript, type RedisGateway } from './redis.gateway.js';

// KEYS: record, live index (score: expiry), principal's set. A task without TTL scores +inf.
const CREATE = new RedisScript(`
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then return 0 end
if ARGV[2] == '' then redis.call('SET', KEYS[1], ARGV[1])
else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6])
redis.call('SADD', KEYS[3], ARGV[6])
return 1`);

const UPDATE = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
return 1`);

const LIST = new RedisScript(`
local found = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local v = redis.call('GET', ARGV[1] .. id)
  if v then table.insert(found, v) else redis.call('SREM', KEYS[1], id) end
end
return found`);

/**
 * Tasks in Redis: any replica reads, cancels and answers a task created on another. Each
 * record expires with the task's TTL; at most `maxTasks` live at once across the cluster.
 */
export class RedisTaskStore implements TaskStore {
  constructor(
    private readonly redis: RedisGateway,
    private readonly maxTasks = 10_000,
  ) {}

  private get tag(): string {
    return this.redis.key('{tasks}');
  }

  private recordKey(id: string): string {
    return `${this.tag}:t:${id}`;
  }

  private ownerKey(principalId: string): string {
    return `${this.tag}:p:${principalId}`;
  }

  async create(task: StoredTask): Promise<boolean> {
    const expiry = task.ttlMs === null ? '+inf' : task.createdAt + task.ttlMs;
    const created = await this.redis.script(
      CREATE,
      [this.recordKey(task.taskId), `${this.tag}:live`, this.ownerKey(task.principalId)],
      [
        JSON.stringify(task),
        task.ttlMs === null ? '' : Math.max(1, task.createdAt + task.ttlMs - Date.now()),
        Date.now(),
        this.maxTasks,
        expiry,
        task.taskId,
      ],
    );
    return created === 1;
  }

  async get(taskId: string): Promise<StoredTask | undefined> {
    const raw = await this.redis.call('GET', this.recordKey(taskId));
    return typeof raw === 'string' ? (JSON.parse(raw) as StoredTask) : undefined;
  }

  async update(task: StoredTask): Promise<void> {
    await this.redis.script(UPDATE, [this.recordKey(task.taskId)], [JSON.stringify(task)]);
  }

  async list(principalId: string): Promise<StoredTask[]> {
    const found = (await this.redis.script(
      LIST,
      [this.ownerKey(principalId)],
      [`${this.tag}:t:`],
    )) as string[];
    return found
      .map((raw) => JSON.parse(raw) as StoredTask)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async delete(taskId: string): Promise<void> {
    const task = await this.get(taskId);
    await this.redis.call('DEL', this.recordKey(taskId));
    if (task) await this.redis.call('SREM', this.ownerKey(task.principalId), taskId);
  }
}
