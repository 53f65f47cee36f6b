import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsString, MaxLength } from 'class-validator';
import { Args, McpCtx, McpModule, PublicTool, Tool, type McpContext } from 'nest-mcp';

class OrderArgs {
  @IsString() @MaxLength(40) item!: string;
}

@Injectable()
class OrderTools {
  private readonly orders: { item: string; by: string }[] = [];

  @PublicTool() // anyone, with or without a token
  @Tool({ name: 'menu', description: 'What can be ordered', annotations: { readOnlyHint: true } })
  menu() {
    return { items: ['coffee', 'tea', 'cake'] };
  }

  // Token holders whose access token carries the scope `orders:write`; 401 without a token,
  // 403 insufficient_scope with a token lacking it.
  @Tool({ name: 'order_place', description: 'Places an order', scopes: ['orders:write'] })
  place(@Args() args: OrderArgs, @McpCtx() ctx: McpContext) {
    this.orders.push({ item: args.item, by: ctx.principal.id });
    return `Order ${this.orders.length}: ${args.item} for ${ctx.principal.id}.`;
  }
}

const env = process.env;
const port = Number(env.PORT ?? 3000);
if (!env.MCP_OAUTH_ISSUER) throw new Error('MCP_OAUTH_ISSUER is required (see README.md)');

@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: { name: 'bearer-orders', version: '1.0.0' },
      oauth: {
        // The exact `iss` of the tokens: a Keycloak realm, an Entra ID tenant's v2.0 issuer.
        authorizationServers: [env.MCP_OAUTH_ISSUER],
        // The resource URI (`aud` the tokens must carry) is this + /mcp: the URL clients use.
        publicBaseUrl: env.MCP_PUBLIC_URL ?? `http://127.0.0.1:${port}`,
        // An extra accepted `aud`, e.g. Entra ID's `api://<app-id>`.
        audiences: env.MCP_OAUTH_AUDIENCE ? [env.MCP_OAUTH_AUDIENCE] : undefined,
        rolesClaim: env.MCP_OAUTH_ROLES_CLAIM, // Keycloak: realm_access.roles
      },
    }),
  ],
  providers: [OrderTools],
})
class AppModule {}

const app = await NestFactory.create(AppModule);
await app.listen(port, '127.0.0.1');
console.log(`MCP endpoint: ${await app.getUrl()}/mcp`);
