import { Inject } from '@nestjs/common';
import { McpRegistry } from '../registry/mcp.registry.js';
import { McpNotifier } from '../transport/http/mcp.notifier.js';
import { getMcpServerToken } from './mcp-server.tokens.js';

/**
 * Injects the {@link McpRegistry} of one server; without a name, the default server's (the same
 * as injecting `McpRegistry` itself).
 * @example
 * constructor(@InjectMcpRegistry('admin') private readonly registry: McpRegistry) {}
 */
export const InjectMcpRegistry = (server?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getMcpServerToken(McpRegistry, server));

/**
 * Injects the {@link McpNotifier} of one server; without a name, the default server's.
 * @example
 * constructor(@InjectMcpNotifier('admin') private readonly notifier: McpNotifier) {}
 */
export const InjectMcpNotifier = (server?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getMcpServerToken(McpNotifier, server));
