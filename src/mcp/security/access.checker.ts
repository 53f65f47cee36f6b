import { Inject, Injectable } from '@nestjs/common';
import { MCP_MODULE_OPTIONS } from '../mcp.module-definition.js';
import type { McpModuleOptions } from '../mcp-options.interface.js';
import type { McpError } from '../protocol/mcp.error.js';
import type { AccessPolicy } from '../registry/registry.types.js';
import { hasGrants } from './access.policy.js';
import type { McpPrincipal } from './principal.interface.js';
import { RequestAuthenticator } from './request.authenticator.js';

const DEFAULT_WRITE_MAX_AGE_SEC = 60;

/**
 * Re-checks every call in the dispatcher (never trusting list filtering), per SIGNING.md §7:
 * anonymous callers of anything non-public get 401 whether it exists or not (no existence
 * oracle); agents lacking a scope or role get 403; write tools need a fresh signature.
 */
@Injectable()
export class AccessChecker {
  constructor(
    private readonly auth: RequestAuthenticator,
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
  ) {}

  /** Throws when the principal may not call the entry; `unknown` is the "no such entry" error. */
  assertCanCall(
    policy: AccessPolicy | undefined,
    principal: McpPrincipal,
    unknown: () => McpError,
  ): void {
    if (principal.kind === 'local') {
      if (!policy) throw unknown();
      return;
    }
    if (principal.kind === 'anonymous') {
      if (policy?.public) return;
      throw this.auth.enabled
        ? this.auth.challenge('invalid_signature', 'a signature is required')
        : unknown();
    }
    if (!policy) throw unknown();
    if (!hasGrants(policy, principal)) {
      if (this.options.signing?.hideUnauthorizedTools) throw unknown();
      throw this.auth.challenge('insufficient_scope', 'missing scope or role', 403, [
        ...policy.scopes,
        ...policy.roles,
      ]);
    }
    if (policy.access === 'write') {
      const maxAge =
        policy.maxSignatureAgeSec ??
        this.options.signing?.writeMaxAgeSec ??
        DEFAULT_WRITE_MAX_AGE_SEC;
      const age = Date.now() / 1000 - (principal.signedAt ?? 0);
      if (age > maxAge)
        throw this.auth.challenge('stale_signature', `signature older than ${maxAge} s`);
    }
  }
}
