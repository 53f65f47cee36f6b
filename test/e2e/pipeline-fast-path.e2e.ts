// A tool method with no guard, interceptor, pipe or filter anywhere is called directly,
// without Nest's pipeline; everything that has one, locally or globally, still runs through it.
import {
  Catch,
  Injectable,
  Module,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type NestInterceptor,
  type PipeTransform,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, ExternalContextCreator } from '@nestjs/core';
import { of, map, type Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Args, McpCtx, McpModule, PublicTool, Tool, type McpContext } from '../../src/mcp/index.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import { call, type Wire } from '../support/wire/http.client.js';
import { statelessHeaders, statelessMessage } from '../support/wire/stateless.requests.js';

const SERVER_INFO = { name: 'fast-path-e2e', version: '1.0.0' };
const seen: string[] = [];

async function callTool(url: string, name: string, args: Record<string, unknown>): Promise<Wire> {
  const response = await call(url, {
    headers: statelessHeaders('tools/call', name),
    body: JSON.stringify(statelessMessage('tools/call', { name, arguments: args }, { id: 1 })),
  });
  const body = response.json();
  expect(body.error).toBeUndefined();
  return body.result as Wire;
}
const text = (result: Wire): string => result.content[0].text as string;

@Injectable()
class CountingGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    seen.push(`guard:${context.getHandler().name}`);
    return true;
  }
}

@Injectable()
class BracketInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    seen.push(`interceptor:${context.getHandler().name}`);
    return next.handle().pipe(map((value) => `[${String(value)}]`));
  }
}

class TrimPipe implements PipeTransform {
  transform(value: { text?: string }): { text?: string } {
    seen.push('pipe');
    return { text: value.text?.trim() };
  }
}

@Catch()
class SoftenFilter implements ExceptionFilter {
  catch(): string {
    seen.push('filter');
    return 'softened';
  }
}

@PublicTool()
@Injectable()
class FastPathTools {
  @Tool({ name: 'plain' })
  plain(@Args() args: { text?: string }, @McpCtx() ctx: McpContext): string {
    seen.push('plain');
    return `${args.text ?? ''}:${ctx.principal.kind}`;
  }

  @Tool({ name: 'context_first' })
  contextFirst(@McpCtx() ctx: McpContext, @Args() args: { text?: string }): string {
    return `${ctx.era}:${args.text ?? ''}`;
  }

  @Tool({ name: 'observable' })
  observable(): Observable<string> {
    return of('first', 'last');
  }

  @Tool({ name: 'fails' })
  fails(): string {
    throw new Error('broken on purpose');
  }

  @Tool({ name: 'guarded' })
  @UseGuards(CountingGuard)
  guarded(): string {
    return 'guarded';
  }

  @Tool({ name: 'intercepted' })
  @UseInterceptors(BracketInterceptor)
  intercepted(): string {
    return 'intercepted';
  }

  @Tool({ name: 'param_piped' })
  paramPiped(@Args(TrimPipe) args: { text?: string }): string {
    return `<${args.text}>`;
  }

  @Tool({ name: 'method_piped' })
  @UsePipes(TrimPipe)
  methodPiped(@Args() args: { text?: string }): string {
    return `<${args.text}>`;
  }

  @Tool({ name: 'filtered' })
  @UseFilters(SoftenFilter)
  filtered(): string {
    throw new Error('caught by the filter');
  }
}

@PublicTool()
@Injectable()
@UseGuards(CountingGuard)
class GuardedClassTools {
  @Tool({ name: 'in_guarded_class' })
  inGuardedClass(): string {
    return 'class guard ran';
  }
}

describe('handlers without enhancers skip the Nest pipeline; the others keep it', () => {
  @Module({
    imports: [McpModule.forRoot({ serverInfo: SERVER_INFO })],
    providers: [FastPathTools, GuardedClassTools],
  })
  class LocalModule {}

  let app: RunningApp;
  let pipelined: string[];
  beforeAll(async () => {
    const create = vi.spyOn(ExternalContextCreator.prototype, 'create');
    app = await startApp(LocalModule);
    pipelined = create.mock.calls.map((c) => String(c[2]));
    create.mockRestore();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('only handlers with a guard, interceptor, pipe or filter go through ExternalContextCreator', () => {
    expect(pipelined.sort()).toEqual(
      ['filtered', 'guarded', 'inGuardedClass', 'intercepted', 'methodPiped', 'paramPiped'].sort(),
    );
  });

  it('a direct handler gets its arguments and context in the declared order', async () => {
    expect(text(await callTool(app.url, 'plain', { text: 'hi' }))).toBe('hi:anonymous');
    expect(text(await callTool(app.url, 'context_first', { text: 'yo' }))).toBe('stateless:yo');
    expect(seen).toContain('plain');
  });

  it('a direct handler returning an Observable answers its last value', async () => {
    expect(text(await callTool(app.url, 'observable', {}))).toBe('last');
  });

  it('a direct handler that throws is a tool error, as through the pipeline', async () => {
    const result = await callTool(app.url, 'fails', {});
    expect(result.isError).toBe(true);
    expect(text(result)).toBe('broken on purpose');
  });

  it('method and class guards, interceptors, param and method pipes, and filters still run', async () => {
    seen.length = 0;
    expect(text(await callTool(app.url, 'guarded', {}))).toBe('guarded');
    expect(text(await callTool(app.url, 'in_guarded_class', {}))).toBe('class guard ran');
    expect(text(await callTool(app.url, 'intercepted', {}))).toBe('[intercepted]');
    expect(text(await callTool(app.url, 'param_piped', { text: '  a  ' }))).toBe('<a>');
    expect(text(await callTool(app.url, 'method_piped', { text: '  b  ' }))).toBe('<b>');
    expect(text(await callTool(app.url, 'filtered', {}))).toBe('softened');
    expect(seen).toEqual([
      'guard:guarded',
      'guard:inGuardedClass',
      'interceptor:intercepted',
      'pipe',
      'pipe',
      'filter',
    ]);
  });
});

describe('global enhancers (APP_GUARD, APP_INTERCEPTOR) reach every handler', () => {
  @Module({
    imports: [McpModule.forRoot({ serverInfo: SERVER_INFO })],
    providers: [
      FastPathTools,
      { provide: APP_GUARD, useClass: CountingGuard },
      { provide: APP_INTERCEPTOR, useClass: BracketInterceptor },
    ],
  })
  class GlobalModule {}

  let app: RunningApp;
  let pipelined: string[];
  beforeAll(async () => {
    const create = vi.spyOn(ExternalContextCreator.prototype, 'create');
    app = await startApp(GlobalModule);
    pipelined = create.mock.calls.map((c) => String(c[2]));
    create.mockRestore();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('no handler is called directly while a global enhancer exists', () => {
    expect(pipelined).toContain('plain');
    expect(pipelined).toContain('observable');
  });

  it('a handler with no enhancer of its own is guarded and intercepted by the globals', async () => {
    seen.length = 0;
    expect(text(await callTool(app.url, 'plain', { text: 'hi' }))).toBe('[hi:anonymous]');
    // The globals guard the HTTP endpoint too (`post`); the MCP handler is what this is about.
    expect(seen.filter((s) => !s.endsWith(':post'))).toEqual([
      'guard:plain',
      'interceptor:plain',
      'plain',
    ]);
  });
});
