import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsInt, Max, Min } from 'class-validator';
import { Args, McpCtx, McpModule, PublicTool, Resource, Tool, type McpContext } from 'nest-mcp';

class RollArgs {
  @IsInt() @Min(1) @Max(20) dice!: number;
  @IsInt() @Min(2) @Max(100) sides!: number;
}

@PublicTool() // every handler of this provider is open to anonymous callers
@Injectable()
class DiceTools {
  @Tool({
    name: 'roll',
    description: 'Rolls dice and reports each one',
    annotations: { readOnlyHint: true },
  })
  roll(@Args() args: RollArgs, @McpCtx() ctx: McpContext) {
    const rolls = Array.from(
      { length: args.dice },
      () => 1 + Math.floor(Math.random() * args.sides),
    );
    ctx.progress(args.dice, args.dice); // sent only when the client asked for progress
    return `${rolls.join(' + ')} = ${rolls.reduce((sum, roll) => sum + roll, 0)}`;
  }

  @Resource({ uri: 'dice://rules', name: 'rules', mimeType: 'text/plain' })
  rules() {
    return 'Between 1 and 20 dice of 2 to 100 sides.';
  }
}

@Module({
  imports: [McpModule.forRoot({ serverInfo: { name: 'dice', version: '1.0.0' } })],
  providers: [DiceTools],
})
class AppModule {}

// The only Fastify-specific lines: the adapter, and nothing else. The library reads the
// endpoint's raw body in a preParsing hook of its own, so no body-parser setup is needed.
const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter());
await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
console.log(`MCP endpoint: ${await app.getUrl()}/mcp`);
