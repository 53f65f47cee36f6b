import { Module } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { McpMessages } from '../config/mcp.messages.js';
import type { McpModuleExtras } from '../config/mcp-options.interface.js';
import {
  assertDistinctServers,
  modulesClaimedByOthers,
  type McpServerEntry,
  type NestModuleRef,
} from './mcp-servers.js';
import { getMcpServerToken } from './mcp-server.tokens.js';
import { namedServerDefaults } from './server-exports.js';

@Module({})
class AdminToolsModule {}
@Module({})
class BillingToolsModule {}

const server = (name: string, extras: McpModuleExtras): McpServerEntry => ({
  name,
  extras: { name, ...extras },
  module: {} as NestModuleRef,
});

describe('assertDistinctServers', () => {
  it('accepts a default server beside a named one under its own path', () => {
    const admin = server('admin', {
      path: 'mcp/admin',
      legacySse: { ssePath: 'mcp/admin/sse', messagesPath: 'mcp/admin/messages' },
      health: { path: false, readyPath: false },
      metrics: { path: 'mcp/admin/metrics' },
    });
    expect(() => assertDistinctServers([server('default', {}), admin])).not.toThrow();
  });

  it('refuses a shared route, naming it and both servers', () => {
    expect(() =>
      assertDistinctServers([server('default', {}), server('admin', { path: 'other' })]),
    ).toThrow(McpMessages.duplicateRegistration('the route /sse (servers "default" and "admin")'));
  });

  it('refuses a shared name', () => {
    expect(() =>
      assertDistinctServers([server('a', { path: 'x' }), server('a', { path: 'y' })]),
    ).toThrow(McpMessages.duplicateRegistration('the name "a"'));
  });
});

describe('modulesClaimedByOthers', () => {
  it('is what the other servers include, never the asking server’s own', () => {
    const servers = [
      server('default', {}),
      server('admin', { include: [AdminToolsModule] }),
      server('billing', { include: [BillingToolsModule] }),
    ];
    expect([...modulesClaimedByOthers(servers, 'default')]).toEqual([
      AdminToolsModule,
      BillingToolsModule,
    ]);
    expect([...modulesClaimedByOthers(servers, 'admin')]).toEqual([BillingToolsModule]);
  });
});

describe('getMcpServerToken', () => {
  it('is the class for the default server and one stable symbol per named server', () => {
    expect(getMcpServerToken(AdminToolsModule)).toBe(AdminToolsModule);
    const token = getMcpServerToken(AdminToolsModule, 'admin');
    expect(typeof token).toBe('symbol');
    expect(getMcpServerToken(AdminToolsModule, 'admin')).toBe(token);
    expect(getMcpServerToken(AdminToolsModule, 'other')).not.toBe(token);
    const store = Symbol('MCP_SESSION_STORE');
    expect(getMcpServerToken(store, 'admin')).toBe(Symbol.for('nest-mcp:admin:MCP_SESSION_STORE'));
  });
});

describe('namedServerDefaults', () => {
  it('moves a named server’s routes under its path, keeping what was given', () => {
    expect(namedServerDefaults({ name: 'admin', path: 'mcp/admin' })).toMatchObject({
      legacySse: { ssePath: '/mcp/admin/sse', messagesPath: '/mcp/admin/messages' },
      health: { path: false, readyPath: false },
      metrics: { path: '/mcp/admin/metrics' },
    });
    expect(
      namedServerDefaults({
        name: 'admin',
        path: 'a',
        health: { gracefulShutdownTimeoutMs: 5 },
        legacySse: false,
      }),
    ).toMatchObject({ health: { path: false, gracefulShutdownTimeoutMs: 5 }, legacySse: false });
    const given = { path: 'mcp' };
    expect(namedServerDefaults(given)).toBe(given);
  });
});
