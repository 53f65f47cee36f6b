import {
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  Module,
  type NestInterceptor,
  Scope,
  type Type,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  McpExecutionContext,
  Args,
  MCP_CONTEXT_TYPE,
  McpModule,
  PublicTool,
  Tool,
} from '../../src/mcp/index.js';
import { McpMessages } from '../../src/mcp/config/mcp.messages.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import { call, type Wire } from '../support/wire/http.client.js';
import { statelessHeaders, statelessMessage } from '../support/wire/stateless.requests.js';

const SERVER_INFO = { name: 'config-e2e', version: '1.0.0' };

/** One stateless-era request over raw HTTP; returns the JSON-RPC response body. */
async function rpc(
  url: string,
  method: string,
  params: Record<string, unknown> = {},
): Promise<Wire> {
  const name = method === 'tools/call' ? String(params.name) : undefined;
  const response = await call(url, {
    headers: statelessHeaders(method, name),
    body: JSON.stringify(statelessMessage(method, params, { id: 1 })),
  });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json();
}

async function callTool(url: string, name: string, args: Record<string, unknown>): Promise<Wire> {
  const body = await rpc(url, 'tools/call', { name, arguments: args });
  expect(body.error).toBeUndefined();
  return body.result as Wire;
}

/** Boots a module expecting failure and returns the boot error's message. */
async function bootError(module: Type<unknown>): Promise<string> {
  let app: RunningApp | undefined;
  try {
    app = await startApp(module);
  } catch (error) {
    return (error as Error).message;
  } finally {
    await app?.close();
  }
  throw new Error('the app booted, but it should have failed');
}

@PublicTool()
@Injectable()
class EchoTools {
  @Tool({
    name: 'echo',
    description: 'Echoes its text.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  })
  echo(@Args() args: { text: string }): string {
    return args.text;
  }
}

describe('McpModule.forRoot', () => {
  @Module({ imports: [McpModule.forRoot({ serverInfo: SERVER_INFO })], providers: [EchoTools] })
  class SyncModule {}

  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(SyncModule);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves tools', async () => {
    const list = await rpc(app.url, 'tools/list');
    expect(list.result.tools.map((t: { name: string }) => t.name)).toEqual(['echo']);
    const result = await callTool(app.url, 'echo', { text: 'hola' });
    expect(result.content).toEqual([{ type: 'text', text: 'hola' }]);
  });
});

describe('McpModule.forRootAsync (imports, useFactory, inject)', () => {
  const SETTINGS = Symbol('SETTINGS');

  @Module({
    providers: [
      { provide: SETTINGS, useValue: { name: 'async-configured', version: '4.5.6', pageSize: 1 } },
    ],
    exports: [SETTINGS],
  })
  class SettingsModule {}

  @Module({
    imports: [
      McpModule.forRootAsync({
        imports: [SettingsModule],
        inject: [SETTINGS],
        useFactory: (settings: { name: string; version: string; pageSize: number }) => ({
          serverInfo: { name: settings.name, version: settings.version },
          pageSize: settings.pageSize,
        }),
      }),
    ],
    providers: [EchoTools],
  })
  class AsyncModule {}

  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(AsyncModule);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves tools with the factory-made options', async () => {
    const discover = await rpc(app.url, 'server/discover');
    expect(discover.result._meta['io.modelcontextprotocol/serverInfo']).toEqual({
      name: 'async-configured',
      version: '4.5.6',
    });
    const result = await callTool(app.url, 'echo', { text: 'async' });
    expect(result.content[0].text).toBe('async');
  });
});

describe('boot failures', () => {
  it('a second McpModule registration', async () => {
    @Module({ imports: [McpModule.forRoot({ serverInfo: { name: 'second', version: '1.0.0' } })] })
    class FeatureModule {}
    @Module({ imports: [McpModule.forRoot({ serverInfo: SERVER_INFO }), FeatureModule] })
    class TwiceModule {}
    const message = await bootError(TwiceModule);
    expect(message).toBe(McpMessages.duplicateRegistration('the name "default"'));
    expect(message).toContain('registered more than once');
    expect(message).toContain("name: 'admin', path: 'mcp/admin', include: [AdminToolsModule]");
  });

  it('missing serverInfo', async () => {
    @Module({ imports: [McpModule.forRoot({} as never)] })
    class NoInfoModule {}
    expect(await bootError(NoInfoModule)).toBe(McpMessages.missingServerInfo());
  });

  it('the same tool name on two providers, naming both Class#method', async () => {
    @PublicTool()
    @Injectable()
    class AlphaTools {
      @Tool({ name: 'lookup' })
      find(): string {
        return 'alpha';
      }
    }
    @PublicTool()
    @Injectable()
    class BetaTools {
      @Tool({ name: 'lookup' })
      search(): string {
        return 'beta';
      }
    }
    @Module({
      imports: [McpModule.forRoot({ serverInfo: SERVER_INFO })],
      providers: [AlphaTools, BetaTools],
    })
    class DuplicateToolModule {}
    const message = await bootError(DuplicateToolModule);
    expect(message).toContain('Duplicate MCP tool "lookup"');
    expect(message).toContain('AlphaTools#find');
    expect(message).toContain('BetaTools#search');
  });

  it('an invalid tool name', async () => {
    @PublicTool()
    @Injectable()
    class BadNameTools {
      @Tool({ name: 'look up!' })
      run(): string {
        return '';
      }
    }
    @Module({
      imports: [McpModule.forRoot({ serverInfo: SERVER_INFO })],
      providers: [BadNameTools],
    })
    class BadNameModule {}
    expect(await bootError(BadNameModule)).toBe(
      McpMessages.invalidToolName('look up!', 'BadNameTools#run'),
    );
  });

  it('a request-scoped provider with a @Tool', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class ScopedTools {
      @Tool({ name: 'scoped' })
      run(): string {
        return '';
      }
    }
    @Module({ imports: [McpModule.forRoot({ serverInfo: SERVER_INFO })], providers: [ScopedTools] })
    class ScopedModule {}
    expect(await bootError(ScopedModule)).toBe(McpMessages.requestScoped('ScopedTools#run'));
  });
});

describe('Nest pipeline around handlers, and schema sources', () => {
  const runs: string[] = [];
  const guardSaw: string[] = [];

  @Injectable()
  class DenyGuard implements CanActivate {
    canActivate(context: ExecutionContext): boolean {
      guardSaw.push(context.getType());
      return false;
    }
  }

  const argsGuardSaw: string[] = [];

  /** A guard that reads the call through McpExecutionContext: its arguments and principal. */
  @Injectable()
  class NoBlockedWordGuard implements CanActivate {
    canActivate(context: ExecutionContext): boolean {
      const call = McpExecutionContext.create(context);
      argsGuardSaw.push(`${call.getPrincipal().kind}:${call.getHandler().name}`);
      return call.getArgs<{ text?: string }>().text !== 'blocked';
    }
  }

  @Injectable()
  class UpperCaseInterceptor implements NestInterceptor {
    intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
      return next
        .handle()
        .pipe(map((value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value)));
    }
  }

  const ADDRESS_SCHEMA = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    $defs: {
      address: {
        $anchor: 'addressDef',
        type: 'object',
        properties: { street: { type: 'string' }, city: { type: 'string' } },
        required: ['city'],
      },
    },
    properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
    required: ['name', 'address'],
    additionalProperties: false,
  };

  @PublicTool()
  @Injectable()
  class PipelineTools {
    @Tool({ name: 'guarded' })
    @UseGuards(DenyGuard)
    guarded(): string {
      runs.push('guarded');
      return 'should never be seen';
    }

    @Tool({ name: 'checked_echo' })
    @UseGuards(NoBlockedWordGuard)
    checkedEcho(@Args() args: { text?: string }): string {
      return args.text ?? '';
    }

    @Tool({ name: 'shout' })
    @UseInterceptors(UpperCaseInterceptor)
    shout(@Args() args: { text?: string }): string {
      runs.push('shout');
      return args.text ?? 'quiet';
    }

    @Tool({
      name: 'sum',
      inputSchema: z.object({ a: z.number().int(), b: z.number().int().min(0) }),
    })
    sum(@Args() args: { a: number; b: number }): string {
      return String(args.a + args.b);
    }

    @Tool({ name: 'address_label', inputSchema: ADDRESS_SCHEMA })
    label(@Args() args: { name: string; address: { street?: string; city: string } }): string {
      return `${args.name}, ${args.address.city}`;
    }
  }

  @Module({ imports: [McpModule.forRoot({ serverInfo: SERVER_INFO })], providers: [PipelineTools] })
  class PipelineModule {}

  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(PipelineModule);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a rejecting @UseGuards guard: the handler does not run and the call is an isError result', async () => {
    const result = await callTool(app.url, 'guarded', {});
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toMatch(/forbidden/i);
    expect(runs).not.toContain('guarded');
    expect(guardSaw).toEqual([MCP_CONTEXT_TYPE]);
  });

  it('a guard reads the arguments and principal through McpExecutionContext', async () => {
    expect((await callTool(app.url, 'checked_echo', { text: 'fine' })).content).toEqual([
      { type: 'text', text: 'fine' },
    ]);
    const refused = await callTool(app.url, 'checked_echo', { text: 'blocked' });
    expect(refused.isError).toBe(true);
    expect(argsGuardSaw).toEqual(['anonymous:checkedEcho', 'anonymous:checkedEcho']);
    expect(() =>
      McpExecutionContext.create({ getType: () => 'http' } as unknown as ExecutionContext),
    ).toThrow(/needs an 'mcp' context/);
  });

  it('an @UseInterceptors interceptor wraps the result', async () => {
    const result = await callTool(app.url, 'shout', { text: 'hola' });
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: 'text', text: 'HOLA' }]);
    expect(runs).toContain('shout');
  });

  it('a zod 4 input schema is listed as JSON Schema and validates', async () => {
    const list = await rpc(app.url, 'tools/list');
    const sum = list.result.tools.find((t: { name: string }) => t.name === 'sum');
    expect(sum.inputSchema).toMatchObject({
      type: 'object',
      properties: { a: { type: 'integer' }, b: { type: 'integer', minimum: 0 } },
      required: ['a', 'b'],
    });
    expect((await callTool(app.url, 'sum', { a: 2, b: 3 })).content[0].text).toBe('5');
    const invalid = await callTool(app.url, 'sum', { a: 2, b: -1 });
    expect(invalid.isError).toBe(true);
    expect(invalid.content[0].text).toContain('Invalid arguments for tool sum');
    expect(invalid.content[0].text).toContain('b:');
    const wrongType = await callTool(app.url, 'sum', { a: 'two', b: 1 });
    expect(wrongType.isError).toBe(true);
  });

  it('a raw JSON Schema 2020-12 input is listed verbatim ($defs kept) and validates', async () => {
    const list = await rpc(app.url, 'tools/list');
    const tool = list.result.tools.find((t: { name: string }) => t.name === 'address_label');
    expect(tool.inputSchema).toEqual(ADDRESS_SCHEMA);
    const ok = await callTool(app.url, 'address_label', {
      name: 'Ana',
      address: { city: 'Madrid' },
    });
    expect(ok.content[0].text).toBe('Ana, Madrid');
    const missingCity = await callTool(app.url, 'address_label', {
      name: 'Ana',
      address: { street: 'Gran Vía' },
    });
    expect(missingCity.isError).toBe(true);
    expect(missingCity.content[0].text).toContain("/address must have required property 'city'");
    const extra = await callTool(app.url, 'address_label', {
      name: 'Ana',
      address: { city: 'Madrid' },
      age: 3,
    });
    expect(extra.isError).toBe(true);
    expect(extra.content[0].text).toContain('must NOT have additional properties');
  });
});
