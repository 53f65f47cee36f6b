import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApp, type RunningApp } from '../support/demo-app.js';

describe('OpenAPI: a host using @nestjs/swagger sees the operational endpoints described', () => {
  let demo: RunningApp;
  let paths: Record<
    string,
    Record<string, { summary?: string; tags?: string[]; responses?: Record<string, unknown> }>
  >;

  beforeAll(async () => {
    demo = await startDemoApp();
    const document = SwaggerModule.createDocument(
      demo.app,
      new DocumentBuilder().setTitle('host').build(),
    );
    paths = document.paths as typeof paths;
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('health, docs and metrics routes carry summaries, responses and the MCP tag', () => {
    for (const path of [
      '/health',
      '/health/ready',
      '/mcp/health',
      '/mcp/docs.json',
      '/mcp/docs',
      '/metrics',
    ]) {
      const get = paths[path]?.get;
      expect(get, path).toBeDefined();
      expect(get.summary, path).toMatch(/\w{4,}/);
      expect(get.tags, path).toEqual(['MCP']);
    }
    expect(Object.keys(paths['/health/ready'].get.responses!)).toEqual(
      expect.arrayContaining(['200', '503']),
    );
    expect(Object.keys(paths['/metrics'].get.responses!)).toEqual(
      expect.arrayContaining(['200', '501']),
    );
  });
});
