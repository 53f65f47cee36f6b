import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsString, MaxLength } from 'class-validator';
import { Args, McpModule, PublicTool, Tool } from 'nest-mcp';

const env = process.env;
const port = Number(env.PORT ?? 3000);
for (const name of ['MCP_REDIS_URL', 'MCP_STATE_SECRET'])
  if (!env[name]) throw new Error(`${name} is required (see README.md)`);
// The URL clients use: the balancer's. Its Host is what every replica receives.
const publicUrl = new URL(env.MCP_PUBLIC_URL ?? `http://127.0.0.1:${port}`);

class GreetArgs {
  @IsString() @MaxLength(40) name!: string;
}

@Injectable()
class GreetTools {
  @PublicTool()
  @Tool({ name: 'greet', description: 'Greets, naming the replica that answered' })
  greet(@Args() args: GreetArgs) {
    return `Hello, ${args.name}, from the replica on port ${port}.`;
  }
}

@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: { name: 'replicated-greeter', version: '1.0.0' },
      // Sessions, streams, nonces, rate limits, tasks and the message bus between replicas.
      redis: { url: env.MCP_REDIS_URL! },
      // The same on every replica (≥ 32 bytes): seals stateless-era requestState.
      stateSecret: env.MCP_STATE_SECRET,
      // The Host the balancer forwards (the client's), besides loopback on this port.
      allowedHosts: [`127.0.0.1:${port}`, `localhost:${port}`, publicUrl.host],
      allowedOrigins: [publicUrl.origin],
    }),
  ],
  providers: [GreetTools],
})
class AppModule {}

const app = await NestFactory.create(AppModule);
app.enableShutdownHooks(); // SIGTERM: close the Redis connections, finish in-flight requests
await app.listen(port, '127.0.0.1');
console.log(`MCP endpoint: ${await app.getUrl()}/mcp (clients use ${publicUrl.origin}/mcp)`);
