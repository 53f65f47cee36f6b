import { Inject, Injectable } from '@nestjs/common';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import type { McpError } from '../protocol/mcp.error.js';
import type { AccessPolicy } from '../registry/registry.types.js';
import { hasGrants } from './access.policy.js';
import type { McpPrincipal } from './principal.interface.js';
import { AuthChallenges } from './auth.challenges.js';

const DEFAULT_WRITE_MAX_AGE_SEC = 60;

/**
 * Re-checks every call in the dispatcher (never trusting list filtering), per docs/signing.md §6:
 * anonymous callers of anything non-public get 401 whether it exists or not (no existence
 * oracle); agents and token holders lacking a scope or role get 403; write tools need a fresh
 * signature from agents, a valid token from token holders, and a signature from everyone when
 * the tool says `requireSignature`.
 */
@Injectable()
export class AccessChecker {
  constructor(
    private readonly auth: AuthChallenges,
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
      // The Bearer challenge names the entry's scopes (MCP authorization: scope selection).
      throw this.auth.enabled
        ? this.auth.challenge('invalid_signature', 'credentials required', 401, undefined, {
            bearerScope: policy?.scopes,
            signatureOnly: policy?.requireSignature,
          })
        : unknown();
    }
    if (!policy) throw unknown();
    if (policy.requireSignature && principal.kind !== 'agent') {
      throw this.auth.challenge(
        'invalid_signature',
        'this tool needs a signed request',
        401,
        undefined,
        {
          signatureOnly: true,
        },
      );
    }
    if (!hasGrants(policy, principal)) {
      if (this.options.signing?.hideUnauthorizedTools || this.options.oauth?.hideUnauthorizedTools)
        throw unknown();
      throw this.auth.challenge(
        'insufficient_scope',
        'missing scope or role',
        403,
        [...policy.scopes, ...policy.roles],
        { bearerScope: policy.scopes },
      );
    }
    if (policy.access === 'write' && principal.kind === 'agent') {
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
