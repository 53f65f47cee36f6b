import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './stdio-child.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** The version of a package the project itself has installed (so npm finds it in its cache). */
export function installedVersion(name: string): string {
  return (require(join(REPO_ROOT, 'node_modules', name, 'package.json')) as { version: string })
    .version;
}

/** Writes `files` (path → text) under `dir`. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/**
 * `npm install` as a user runs it, but served from npm's cache whenever it holds the package
 * (`--prefer-offline`), so the test stays fast and light on the network.
 */
export async function npmInstall(dir: string, extra: string[] = []): Promise<void> {
  await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...extra],
    { cwd: dir, env: { ...process.env, npm_config_loglevel: 'error' } },
  );
}

/** A consumer's Nest app: one public tool, one tool for signed agents, served on `PORT`. */
export const CONSUMER_MAIN = `import 'reflect-metadata';
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
  type McpModuleOptions,
} from 'nest-mcp';

class GreetArgs {
  @IsString()
  @MaxLength(40)
  name!: string;
}

@Injectable()
class GreetTools {
  @PublicTool()
  @Tool({ name: 'greet', description: 'Greets someone', annotations: { readOnlyHint: true } })
  greet(@Args() args: GreetArgs): string {
    return \`Hello, \${args.name}!\`;
  }

  @Tool({ name: 'whoami', description: 'Names the signed agent calling' })
  whoami(@McpCtx() ctx: McpContext): { principal: string } {
    return { principal: ctx.principal.id };
  }
}

const port = Number(process.env.PORT);
const options: McpModuleOptions = {
  serverInfo: { name: 'consumer', version: '1.0.0' },
  signing: {
    keys: StaticKeyStore.fromConfig([
      {
        keyid: 'consumer-agent',
        principal: 'consumer-agent',
        alg: 'hmac-sha256',
        secret: process.env.AGENT_SECRET!,
        scopes: [],
      },
    ]),
    publicBaseUrl: \`http://127.0.0.1:\${port}\`,
  },
};

@Module({ imports: [McpModule.forRoot(options)], providers: [GreetTools] })
class AppModule {}

const app = await NestFactory.create(AppModule, { logger: ['error'] });
await app.listen(port, '127.0.0.1');
console.log('listening');
`;

/** An agent that imports only \`nest-mcp/agent\`: one signed stateless-era tools/call. */
export const CONSUMER_AGENT = `import { createSignedFetch, type SignedFetchOptions } from 'nest-mcp/agent';

const [url, secret] = process.argv.slice(2);
const options: SignedFetchOptions = { keyid: 'consumer-agent', alg: 'hmac-sha256', secret };
const signedFetch = createSignedFetch(options);
const version = '2026-07-28';
const response = await signedFetch(url, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': version,
    'mcp-method': 'tools/call',
    'mcp-name': 'whoami',
  },
  body: JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: {
      name: 'whoami',
      arguments: {},
      _meta: {
        'io.modelcontextprotocol/protocolVersion': version,
        'io.modelcontextprotocol/clientCapabilities': {},
        'io.modelcontextprotocol/clientInfo': { name: 'consumer-agent', version: '1.0.0' },
      },
    },
  }),
});
console.log(JSON.stringify({ status: response.status, body: await response.json() }));
`;

/** Compiler options every consumer tsconfig shares, as `nest new` writes them, but strict. */
const COMMON = {
  target: 'ES2023',
  strict: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  // As `nest new` sets it; checking all of node_modules' declarations would take ~40 s.
  skipLibCheck: true,
  types: ['node'],
};

/** The two resolutions a Nest app uses today: Node's own, and a bundler's. */
export const CONSUMER_TSCONFIGS = {
  nodenext: { ...COMMON, module: 'NodeNext', moduleResolution: 'NodeNext' },
  bundler: { ...COMMON, module: 'ESNext', moduleResolution: 'Bundler' },
} as const;

/** Resolution name → its tsconfig.<name>.json text, emitting into dist-<name>/. */
export function consumerTsconfig(resolution: keyof typeof CONSUMER_TSCONFIGS): string {
  const compilerOptions = { ...CONSUMER_TSCONFIGS[resolution], outDir: `dist-${resolution}` };
  return JSON.stringify({ compilerOptions, include: ['src'] }, null, 2);
}
