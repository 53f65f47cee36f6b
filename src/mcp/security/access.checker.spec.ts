import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import { McpModule } from '../mcp.module.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { buildPolicy } from '../registry/entry.factory.js';
import type { AccessPolicy } from '../registry/registry.types.js';
import { AccessChecker } from './access.checker.js';
import { StaticKeyStore } from './keys/static-key.store.js';
import { ANONYMOUS_PRINCIPAL, LOCAL_PRINCIPAL, type McpPrincipal } from './principal.interface.js';

const refs: TestingModule[] = [];
afterEach(async () => {
  for (const ref of refs.splice(0)) await ref.close();
});

const SIGNING = { keys: StaticKeyStore.fromConfig([]), publicBaseUrl: 'https://api.example.com' };
const OAUTH = {
  authorizationServers: ['https://as.example.com'],
  publicBaseUrl: 'https://api.example.com',
  verifier: { verify: () => Promise.reject(new Error('no token is verified here')) },
};

async function checker(options: Partial<McpModuleOptions> = {}): Promise<AccessChecker> {
  const ref = await Test.createTestingModule({
    imports: [McpModule.forRoot({ serverInfo: { name: 'spec', version: '1' }, ...options })],
  }).compile();
  await ref.init();
  refs.push(ref);
  return ref.get(AccessChecker);
}

const policy = (isPublic: boolean, options: Parameters<typeof buildPolicy>[2] = {}) =>
  buildPolicy('Spec#entry', isPublic, options);
const PUBLIC = policy(true);
const PLAIN = policy(false);
const ADMIN = policy(false, { scopes: ['orders:admin'], roles: ['ops'] });
const WRITE = policy(false, { access: 'write' });
const SIGNED_ONLY = policy(false, { requireSignature: true });

const now = () => Math.floor(Date.now() / 1000);
const agent = (more: Partial<McpPrincipal> = {}): McpPrincipal => ({
  id: 'ada',
  kind: 'agent',
  scopes: [],
  roles: [],
  signedAt: now(),
  ...more,
});
const bearer = (more: Partial<McpPrincipal> = {}): McpPrincipal => ({
  id: 'client-1',
  kind: 'bearer',
  scopes: [],
  roles: [],
  ...more,
});

const UNKNOWN = new McpError(ErrorCode.InvalidParams, 'Unknown tool: x');
const unknown = () => UNKNOWN;

/** What assertCanCall threw, or undefined when it let the call through. */
function outcome(
  check: AccessChecker,
  entry: AccessPolicy | undefined,
  principal: McpPrincipal,
): McpError | undefined {
  try {
    check.assertCanCall(entry, principal, unknown);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(McpError);
    return error as McpError;
  }
}

const challengeOf = (error: McpError | undefined) => error?.headers?.['www-authenticate'] ?? '';

describe('AccessChecker', () => {
  it('lets the local user call every entry, and answers a missing one as unknown', async () => {
    const check = await checker({ signing: SIGNING });
    for (const entry of [PUBLIC, PLAIN, ADMIN, WRITE, SIGNED_ONLY])
      expect(outcome(check, entry, LOCAL_PRINCIPAL)).toBeUndefined();
    expect(outcome(check, undefined, LOCAL_PRINCIPAL)).toBe(UNKNOWN);
  });

  it('without authentication, shows anonymous callers public entries only, others as unknown', async () => {
    const check = await checker();
    expect(outcome(check, PUBLIC, ANONYMOUS_PRINCIPAL)).toBeUndefined();
    for (const entry of [PLAIN, ADMIN, undefined])
      expect(outcome(check, entry, ANONYMOUS_PRINCIPAL)).toBe(UNKNOWN);
  });

  it('with signing, asks anonymous callers to sign, alike for existing and missing entries', async () => {
    const check = await checker({ signing: SIGNING });
    expect(outcome(check, PUBLIC, ANONYMOUS_PRINCIPAL)).toBeUndefined();
    const existing = outcome(check, PLAIN, ANONYMOUS_PRINCIPAL);
    const missing = outcome(check, undefined, ANONYMOUS_PRINCIPAL);
    expect(existing?.httpStatus).toBe(401);
    expect(existing?.code).toBe(ErrorCode.Unauthorized);
    expect(challengeOf(existing)).toMatch(/^Signature realm="mcp", error="invalid_signature"/);
    // No existence oracle: the answer for a missing entry is the same.
    expect(missing?.toJSON()).toEqual(existing?.toJSON());
    expect(missing?.headers).toEqual(existing?.headers);
  });

  it('with tokens, names the entry’s scopes in the Bearer challenge to anonymous callers', async () => {
    const check = await checker({ oauth: OAUTH });
    const refused = outcome(check, policy(false, { scopes: ['orders:read'] }), ANONYMOUS_PRINCIPAL);
    expect(refused?.httpStatus).toBe(401);
    expect(challengeOf(refused)).toMatch(/^Bearer /);
    expect(challengeOf(refused)).toContain('scope="orders:read"');
  });

  it('refuses an agent without every scope and role with 403 insufficient_scope', async () => {
    const check = await checker({ signing: SIGNING });
    for (const principal of [
      agent(),
      agent({ scopes: ['orders:admin'] }),
      agent({ roles: ['ops'] }),
    ]) {
      const refused = outcome(check, ADMIN, principal);
      expect(refused?.httpStatus).toBe(403);
      expect(refused?.code).toBe(ErrorCode.Forbidden);
      expect(refused?.data).toMatchObject({ error: 'insufficient_scope' });
      expect(challengeOf(refused)).toContain('scope="orders:admin ops"');
    }
    expect(
      outcome(check, ADMIN, agent({ scopes: ['orders:admin', 'x'], roles: ['ops'] })),
    ).toBeUndefined();
    expect(outcome(check, undefined, agent())).toBe(UNKNOWN);
  });

  it.each([
    ['signing', { signing: { ...SIGNING, hideUnauthorizedTools: true } }],
    ['oauth', { oauth: { ...OAUTH, hideUnauthorizedTools: true } }],
  ])('answers a missing grant as unknown when %s hides unauthorized tools', async (_, options) => {
    const check = await checker(options);
    expect(outcome(check, ADMIN, agent())).toBe(UNKNOWN);
    expect(outcome(check, ADMIN, bearer())).toBe(UNKNOWN);
  });

  it('keeps requireSignature entries for agents: a token holder is asked for a signature only', async () => {
    const check = await checker({ signing: SIGNING, oauth: OAUTH });
    expect(outcome(check, SIGNED_ONLY, agent())).toBeUndefined();
    const refused = outcome(check, SIGNED_ONLY, bearer());
    expect(refused?.httpStatus).toBe(401);
    expect(challengeOf(refused)).toMatch(/^Signature /);
    expect(challengeOf(refused)).not.toContain('Bearer');
  });

  it('needs a fresh signature from agents on write entries (60 s by default)', async () => {
    const check = await checker({ signing: SIGNING });
    expect(outcome(check, WRITE, agent({ signedAt: now() - 30 }))).toBeUndefined();
    for (const stale of [agent({ signedAt: now() - 90 }), agent({ signedAt: undefined })]) {
      const refused = outcome(check, WRITE, stale);
      expect(refused?.httpStatus).toBe(401);
      expect(challengeOf(refused)).toContain('error="stale_signature"');
    }
    // Read entries and token holders are not held to signature age.
    expect(outcome(check, PLAIN, agent({ signedAt: now() - 3600 }))).toBeUndefined();
    expect(outcome(check, WRITE, bearer())).toBeUndefined();
  });

  it('takes the write age from the entry first, then from the signing options', async () => {
    const check = await checker({ signing: { ...SIGNING, writeMaxAgeSec: 120 } });
    expect(outcome(check, WRITE, agent({ signedAt: now() - 90 }))).toBeUndefined();
    const strict = policy(false, { access: 'write', maxSignatureAgeSec: 10 });
    expect(outcome(check, strict, agent({ signedAt: now() - 5 }))).toBeUndefined();
    expect(outcome(check, strict, agent({ signedAt: now() - 30 }))?.httpStatus).toBe(401);
  });
});
