import { chromium, type Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpRegistry } from '../../src/mcp/index.js';
import { ALL_VERSIONS } from '../../src/mcp/config/mcp.constants.js';
import { startDemoApp, type RunningApp } from '../support/demo-app.js';
import { call } from '../support/wire/http.client.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('docs page (GET /mcp/docs) in headless Chromium', () => {
  let demo: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    demo = await startDemoApp();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('serves self-contained HTML with a strict CSP and an ETag', async () => {
    const res = await call(`${demo.url}/docs`, { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).not.toMatch(/<script|<link rel="stylesheet"|src="http/);
    const again = await call(`${demo.url}/docs`, {
      method: 'GET',
      headers: { 'if-none-match': res.headers.etag! },
    });
    expect(again.status).toBe(304);
  });

  it('loads with no console errors, shows every tool, and is screenshotted', async () => {
    const page = await browser.newPage({
      viewport: { width: 1200, height: 900 },
      javaScriptEnabled: false,
    });
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning')
        problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    const failed: string[] = [];
    page.on('requestfailed', (req) => failed.push(req.url()));

    const response = await page.goto(`${demo.url}/docs`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toContain('Language tutor');

    const tools = demo.app
      .get(McpRegistry)
      .listTools()
      .map((t) => t.definition.name);
    expect(tools).toEqual(
      expect.arrayContaining([
        'check_conjugation',
        'conjugate',
        'lookup_irregular_verb',
        'lookup_spanish',
      ]),
    );
    for (const name of tools) {
      const heading = page.locator(`h3#tool-${name}`);
      await expect(heading.isVisible()).resolves.toBe(true);
      await expect(heading.innerText()).resolves.toBe(name);
    }

    // The input schema is a readable table: property, type, required, description, enum values.
    const conjugate = page.locator('section.entry', { has: page.locator('h3#tool-conjugate') });
    const rows = await conjugate.locator('table').first().locator('tbody tr').allInnerTexts();
    expect(
      rows.some((r) => r.includes('tense') && r.includes('required') && r.includes('past_simple')),
    ).toBe(true);
    await expect(page.locator('h3#resource-tenses').isVisible()).resolves.toBe(true);
    await expect(page.locator('h3#template-verb-card').isVisible()).resolves.toBe(true);
    await expect(page.locator('h3#prompt-drill').isVisible()).resolves.toBe(true);

    // How to connect: the endpoint URL, versions, signing, the link to docs.json.
    const body = await page.locator('body').innerText();
    expect(body).toContain(demo.url);
    for (const version of ALL_VERSIONS) expect(body).toContain(version);
    expect(body).toContain('RFC 9421');
    expect(await page.locator('a[href="/mcp/docs.json"]').count()).toBeGreaterThan(0);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/docs-page.png', fullPage: true });
    expect(problems).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  });
});
