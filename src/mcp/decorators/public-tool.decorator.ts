import { SetMetadata } from '@nestjs/common';
import { MCP_PUBLIC_METADATA } from '../config/mcp.constants.js';

/**
 * Lets anonymous (unsigned) callers use a read tool, resource or prompt (on a method), or
 * every handler of a provider (on the class).
 * @example
 * @PublicTool()
 * @Tool({ name: 'conjugate' })
 */
export const PublicTool = (): MethodDecorator & ClassDecorator =>
  SetMetadata(MCP_PUBLIC_METADATA, true);
