import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpModule, StaticKeyStore, type McpModuleOptions } from 'nest-mcp';
import { OPENAPI_SOURCE, OpenApiTools, type OpenApiSource } from './openapi-tools.js';

const port = Number(process.env.PORT ?? 3000);
const keyFile = process.env.MCP_AGENT_KEYS;

const mcp: McpModuleOptions = {
  serverInfo: { name: 'pets-over-mcp', version: '1.0.0' },
  // Read operations are public; writes need a signed agent (see examples/signed-agent).
  signing: keyFile
    ? { keys: StaticKeyStore.fromFile(keyFile), publicBaseUrl: `http://127.0.0.1:${port}` }
    : undefined,
};
const source: OpenApiSource = {
  document: process.env.OPENAPI_URL ?? 'http://127.0.0.1:4000/openapi.json',
  baseUrl: process.env.API_BASE_URL ?? 'http://127.0.0.1:4000',
};

@Module({
  imports: [McpModule.forRoot(mcp)],
  providers: [OpenApiTools, { provide: OPENAPI_SOURCE, useValue: source }],
})
class AppModule {}

const app = await NestFactory.create(AppModule);
await app.listen(port, '127.0.0.1');
console.log(`MCP endpoint: ${await app.getUrl()}/mcp`);
