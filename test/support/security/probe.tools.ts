import { Injectable } from '@nestjs/common';
import { Args, McpCtx, PublicTool, Tool, type McpContext } from '../../../src/mcp/index.js';

const TEXT_ARGS = {
  type: 'object',
  properties: { text: { type: 'string' } },
  additionalProperties: true,
};

/**
 * Tools of the adversarial suite. Every handler counts its invocations, so each negative case
 * can assert that nothing ran; the tools cover the policy shapes docs/signing.md §6 describes.
 */
@Injectable()
export class ProbeTools {
  /** Invocations per tool name. */
  readonly calls = new Map<string, number>();
  /** What `probe_read` last saw: its arguments and whether they inherited an `isAdmin`. */
  lastSeen?: { args: Record<string, unknown>; inheritedIsAdmin: unknown };
  private gate?: Promise<void>;
  private openGate?: () => void;

  /** Invocations of every tool together. */
  get total(): number {
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }

  count(name: string): number {
    return this.calls.get(name) ?? 0;
  }

  /** Holds `probe_slow` calls until `release()` (concurrency cases). */
  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  private hit(name: string): void {
    this.calls.set(name, this.count(name) + 1);
  }

  @PublicTool()
  @Tool({ name: 'probe_read', description: 'Public read probe.', inputSchema: TEXT_ARGS })
  read(@Args() args: Record<string, unknown>): string {
    this.hit('probe_read');
    const probe = {} as Record<string, unknown>;
    Object.assign(probe, args);
    this.lastSeen = { args, inheritedIsAdmin: probe.isAdmin };
    return `read ${typeof args.text === 'string' ? args.text : ''}`;
  }

  @Tool({
    name: 'probe_agent',
    description: 'Read probe for any signed agent.',
    inputSchema: TEXT_ARGS,
  })
  agent(@McpCtx() ctx: McpContext): string {
    this.hit('probe_agent');
    return `agent ${ctx.principal.id}`;
  }

  @Tool({
    name: 'probe_write',
    description: 'Write probe (scope probe:write).',
    access: 'write',
    scopes: ['probe:write'],
    inputSchema: TEXT_ARGS,
  })
  write(@McpCtx() ctx: McpContext): string {
    this.hit('probe_write');
    return `written by ${ctx.principal.id}`;
  }

  @Tool({
    name: 'probe_admin',
    description: 'Write probe (scope probe:admin).',
    access: 'write',
    scopes: ['probe:admin'],
    inputSchema: TEXT_ARGS,
  })
  admin(): string {
    this.hit('probe_admin');
    return 'admin done';
  }

  @Tool({
    name: 'probe_fresh',
    description: 'Write probe that wants a signature at most 5 s old.',
    access: 'write',
    scopes: ['probe:write'],
    maxSignatureAgeSec: 5,
    inputSchema: TEXT_ARGS,
  })
  fresh(): string {
    this.hit('probe_fresh');
    return 'fresh';
  }

  @Tool({
    name: 'probe_limited',
    description: 'Rate-limited probe: 5 calls per minute (the "deploy" of ADVERSARIAL.md F5).',
    rateLimit: { limit: 5, ttlMs: 60_000 },
    inputSchema: TEXT_ARGS,
  })
  limited(): string {
    this.hit('probe_limited');
    return 'limited';
  }

  @Tool({
    name: 'probe_slow',
    description: 'Waits for the test to release it.',
    inputSchema: TEXT_ARGS,
  })
  async slow(): Promise<string> {
    this.hit('probe_slow');
    await this.gate;
    return 'slow done';
  }

  @PublicTool()
  @Tool({
    name: 'probe_chatty',
    description: 'Emits `n` progress notifications of `size` bytes each.',
    inputSchema: {
      type: 'object',
      properties: { n: { type: 'integer' }, size: { type: 'integer' } },
    },
  })
  async chatty(@Args() args: { n?: number; size?: number }, @McpCtx() ctx: McpContext) {
    this.hit('probe_chatty');
    const n = args.n ?? 10;
    const pad = 'x'.repeat(args.size ?? 1024);
    for (let i = 1; i <= n && !ctx.signal.aborted; i++) {
      ctx.progress(i, n, pad);
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return ctx.signal.aborted ? 'aborted' : 'done';
  }

  @Tool({
    name: 'probe_ask',
    description: 'Asks the client for a name (stateless era: input-required with requestState).',
    inputSchema: { type: 'object', properties: {} },
  })
  async ask(@McpCtx() ctx: McpContext): Promise<string> {
    const answer = await ctx.elicit({
      key: 'name',
      message: 'Name?',
      requestedSchema: {
        type: 'object',
        properties: { name: { type: 'string' } },
        required: ['name'],
      },
    });
    this.hit('probe_ask');
    return `hello ${String(answer.content?.name)}`;
  }
}
