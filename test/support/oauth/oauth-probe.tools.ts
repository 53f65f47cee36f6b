import { Injectable } from '@nestjs/common';
import { McpCtx, Tool, type McpContext } from '../../../src/mcp/index.js';
import { ProbeTools } from '../security/probe.tools.js';

/** Probes of the OAuth suites, counted in `ProbeTools` like the others. */
@Injectable()
export class OAuthProbeTools {
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

  /** Needs the role `ops` (from the token's roles claim, or an agent key's roles). */
  @Tool({ name: 'probe_role', description: 'Read probe for the role ops.', roles: ['ops'] })
  role(@McpCtx() ctx: McpContext): string {
    this.probe.calls.set('probe_role', this.probe.count('probe_role') + 1);
    return `roles ${ctx.principal.roles.join(',')}`;
  }
}
