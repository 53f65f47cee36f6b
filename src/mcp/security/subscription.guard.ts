import { Injectable } from '@nestjs/common';
import type { McpEra } from '../context/mcp-exchange.interface.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import type { AccessPolicy } from '../registry/registry.types.js';
import { AccessChecker } from './access.checker.js';
import { canUse } from './access.policy.js';
import type { McpPrincipal } from './principal.interface.js';

/** Longest resource URI a subscription may name (a URI is stored per subscription). */
export const MAX_SUBSCRIPTION_URI_LENGTH = 4096;
/** Subscriptions one session (or one listen stream) may hold. */
export const MAX_SUBSCRIPTIONS = 100;

/**
 * Subscriptions follow the read policy: subscribing needs what `resources/read` needs, and
 * every delivery is checked again for the listening principal (policies can change at run time).
 */
@Injectable()
export class SubscriptionGuard {
  constructor(
    private readonly registry: McpRegistry,
    private readonly access: AccessChecker,
  ) {}

  /** Throws what `resources/read` would throw, or -32602 past the URI length or count caps. */
  assertMaySubscribe(uri: string, principal: McpPrincipal, era: McpEra, held: number): void {
    if (uri.length > MAX_SUBSCRIPTION_URI_LENGTH)
      throw new McpError(
        ErrorCode.InvalidParams,
        `params.uri is longer than ${MAX_SUBSCRIPTION_URI_LENGTH} characters`,
      );
    if (held >= MAX_SUBSCRIPTIONS)
      throw new McpError(
        ErrorCode.InvalidParams,
        `At most ${MAX_SUBSCRIPTIONS} subscriptions per session; unsubscribe first`,
      );
    this.access.assertCanCall(this.policyOf(uri), principal, () => {
      const code = era === 'stateless' ? ErrorCode.InvalidParams : ErrorCode.ResourceNotFound;
      return new McpError(code, `Resource not found: ${uri}`, { uri });
    });
  }

  /** Whether the principal may hear of updates to this URI now. */
  mayHear(uri: string, principal: McpPrincipal): boolean {
    const policy = this.policyOf(uri);
    return policy !== undefined && canUse(policy, principal);
  }

  private policyOf(uri: string): AccessPolicy | undefined {
    return (
      this.registry.getResource(uri)?.policy ?? this.registry.matchTemplate(uri)?.template.policy
    );
  }
}
