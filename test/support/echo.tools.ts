import { Injectable } from '@nestjs/common';
import { Args, PublicTool, Tool } from '../../src/mcp/index.js';

/** A public `echo` tool for suites about the app around the MCP endpoint, not about tools. */
@PublicTool()
@Injectable()
export class EchoTools {
  @Tool({ name: 'echo', description: 'Echoes its text.' })
  echo(@Args() args: { text?: string }): string {
    return String(args.text ?? '');
  }
}
