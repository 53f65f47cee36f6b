import { Injectable } from '@nestjs/common';
import { McpCtx, Tool, type McpContext } from '../../../src/mcp/index.js';
import { ProbeTools } from '../security/probe.tools.js';

/** A probe for signed agents only, counted in `ProbeTools` like the others. */
@Injectable()
export class SignedOnlyTools {
  constructor(private readonly probe: ProbeTools) {}

  /** A write tool for signed agents only: a bearer token, even with the scope, is not enough. */
  @Tool({
    name: 'probe_signed_write',
    description: 'Write probe for signed agents only (scope probe:write).',
    access: 'write',
    scopes: ['probe:write'],
    requireSignature: true,
  })
  write(@McpCtx() ctx: McpContext): string {
    this.probe.calls.set('probe_signed_write', this.probe.count('probe_signed_write') + 1);
    return `signed write by ${ctx.principal.kind} ${ctx.principal.id}`;
  }
}
