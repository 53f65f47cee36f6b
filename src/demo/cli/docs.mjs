#!/usr/bin/env node
// `npm run docs`: writes the demo's docs.json (the same document GET /mcp/docs.json serves) to a
// file, without starting a server: build, create the demo app, ask its McpDocs service.
//
// Usage: node src/demo/cli/docs.mjs [OUT] [--no-build]
//   OUT         where to write (default dist/mcp-manifest.json, beside the build it describes)
//   --no-build  use the existing dist/ instead of running `tsc -p tsconfig.build.json` first
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const args = process.argv.slice(2);
const out = resolve(args.find((a) => !a.startsWith('--')) ?? join(ROOT, 'dist/mcp-manifest.json'));

if (!args.includes('--no-build')) {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('docs: the build failed; fix it (or pass --no-build to use the existing dist/).');
    process.exit(1);
  }
}

const load = (path) => import(pathToFileURL(join(ROOT, 'dist', path)).href);
await import('reflect-metadata');
const { NestFactory } = await import('@nestjs/core');
const { AppModule } = await load('src/demo/app.module.js');
const { McpDocs } = await load('src/mcp/index.js');

// An HTTP app that never listens: the same providers and global prefix as `npm start`.
const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
await app.init();
const manifest = app.get(McpDocs).manifest();
await app.close();

mkdirSync(dirname(out), { recursive: true });
const body = `${JSON.stringify(manifest, null, 2)}\n`;
writeFileSync(out, body);
const { tools, resources, resourceTemplates, prompts } = manifest;
console.error(
  `docs: wrote ${out} (${tools.length} tools, ${resources.length} resources, ` +
    `${resourceTemplates.length} resource templates, ${prompts.length} prompts; ETag "${createHash('sha256').update(body).digest('base64url')}")`,
);
