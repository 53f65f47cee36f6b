import { SetMetadata } from '@nestjs/common';
import { MCP_TOOL_METADATA } from '../config/mcp.constants.js';
import type { ToolOptions } from './tool-options.interface.js';

/**
 * Exposes a provider method as an MCP tool.
 * @example
 * @Tool({ name: 'find_order', description: 'Look an order up by id' })
 * find(@Args() args: FindOrderDto) { return this.orders.find(args.id); }
 */
export const Tool = (options: ToolOptions = {}): MethodDecorator =>
  SetMetadata(MCP_TOOL_METADATA, options);
