import { Injectable } from '@nestjs/common';
import { McpCtx, Tool, type McpContext } from '../../../src/mcp/index.js';
import { ProbeTools } from '../security/probe.tools.js';

/** Probes of the OAuth suites, counted in `ProbeTools` like the others. */
@Injectable()
export class OAuthProbeTools {
  constructor(private readonly probe: ProbeTools) {}

  /** Needs the role `ops` (from the token's roles claim, or an agent key's roles). */
  @Tool({ name: 'probe_role', description: 'Read probe for the role ops.', roles: ['ops'] })
  role(@McpCtx() ctx: McpContext): string {
    this.probe.calls.set('probe_role', this.probe.count('probe_role') + 1);
    return `roles ${ctx.principal.roles.join(',')}`;
  }
}
