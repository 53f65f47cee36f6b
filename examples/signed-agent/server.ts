import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsString, MaxLength } from 'class-validator';
import {
  Args,
  McpCtx,
  McpModule,
  PublicTool,
  StaticKeyStore,
  Tool,
  type McpContext,
} from 'nest-mcp';

class NoteArgs {
  @IsString() @MaxLength(200) text!: string;
}

@Injectable()
class NotesTools {
  private readonly notes: { text: string; by: string }[] = [];

  @PublicTool() // read-only: anonymous callers may list
  @Tool({ name: 'notes_list', description: 'Every note', annotations: { readOnlyHint: true } })
  list() {
    return { notes: this.notes };
  }

  // Signed agents only (the default), with a fresh signature on this very request
  // (`access: 'write'`), and only those whose key carries the scope.
  @Tool({ name: 'notes_add', description: 'Adds a note', access: 'write', scopes: ['notes:write'] })
  add(@Args() args: NoteArgs, @McpCtx() ctx: McpContext) {
    this.notes.push({ text: args.text, by: ctx.principal.id });
    return `Noted (${this.notes.length} in all), ${ctx.principal.id}.`;
  }
}

const port = Number(process.env.PORT ?? 3000);

@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: { name: 'signed-notes', version: '1.0.0' },
      signing: {
        keys: StaticKeyStore.fromFile(
          process.env.MCP_AGENT_KEYS ?? 'examples/signed-agent/keys/agent-keys.json',
        ),
        // @target-uri is built from this, never from the Host header: the URL agents use.
        publicBaseUrl: process.env.MCP_PUBLIC_URL ?? `http://127.0.0.1:${port}`,
      },
    }),
  ],
  providers: [NotesTools],
})
class AppModule {}

const app = await NestFactory.create(AppModule);
await app.listen(port, '127.0.0.1');
console.log(`MCP endpoint: ${await app.getUrl()}/mcp`);
