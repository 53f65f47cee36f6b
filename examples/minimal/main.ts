import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsString } from 'class-validator';
import { Args, McpModule, PublicTool, Tool } from 'nest-mcp';

class ShoutArgs {
  @IsString() text!: string;
}

@Injectable()
class ShoutTools {
  @PublicTool() // anonymous callers may use it (there is no signing here)
  @Tool({ name: 'shout', description: 'Upper-cases the text', annotations: { readOnlyHint: true } })
  shout(@Args() args: ShoutArgs) {
    return `${args.text.toUpperCase()}!`;
  }
}

@Module({
  imports: [McpModule.forRoot({ serverInfo: { name: 'minimal', version: '1.0.0' } })],
  providers: [ShoutTools],
})
class AppModule {}

const app = await NestFactory.create(AppModule);
await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
console.log(`MCP endpoint: ${await app.getUrl()}/mcp`);
