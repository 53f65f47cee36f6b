import { Injectable, Module } from '@nestjs/common';
import { Args, McpContext, McpCtx, McpModule, PublicTool, Tool } from '../../src/mcp/index.js';
import { TutorModule } from '../../src/demo/tutor/tutor.module.js';

/** A tool that reports progress, so its answer travels as SSE (the demo has none that streams). */
@PublicTool()
@Injectable()
export class CountingTools {
  @Tool({ name: 'count_to', description: 'Counts to n, reporting progress at each step.' })
  async countTo(@Args() args: { n?: number }, @McpCtx() ctx: McpContext): Promise<string> {
    const n = Number(args.n ?? 3);
    for (let i = 1; i <= n; i++) {
      ctx.progress(i, n, `step ${i}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return `counted to ${n}`;
  }
}

/** The tutor plus a streaming tool, on the default /mcp path. */
@Module({
  imports: [
    McpModule.forRoot({ serverInfo: { name: 'streaming-e2e', version: '1.0.0' } }),
    TutorModule,
  ],
  providers: [CountingTools],
})
export class StreamingAppModule {}
