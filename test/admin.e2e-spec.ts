import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_TOKEN, AdminDemoModule, OPERATOR_TOKEN } from './fixtures/admin-app.fixture.js';
import { connectLegacy } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

/** The repository root, from dist/test where this file runs. */
const ROOT = new URL('../../', import.meta.url);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('admin page (headless Chromium)', () => {
  let running: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let mcp: Awaited<ReturnType<typeof connectLegacy>>;
  let toolsChanged: Promise<void>;

  before(async () => {
    running = await startApp({ imports: [AdminDemoModule] });
    let changed!: () => void;
    toolsChanged = new Promise<void>((resolve) => (changed = resolve));
    mcp = await connectLegacy(running.mcpUrl, { 'x-user': 'alice' }, {}, (client) =>
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => changed()),
    );
    await mcp.standaloneStream;
    await mcp.client.callTool({ name: 'add', arguments: { a: 2, b: 3 } });
    await mcp.client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    await mcp.client.callTool({ name: 'search_notes', arguments: { query: 'roadmap' } });
    await mcp.client.callTool({ name: 'echo', arguments: { text: 42 } });
    await mcp.client.callTool({ name: 'add', arguments: { a: 1, b: 1 } });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // The browser "logs in" the way an operator behind an authenticating proxy would: every
    // request it sends carries the admin's bearer token.
    context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${ADMIN_TOKEN}` }, viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await mcp?.client.close();
    await running?.close();
  });

  it('shows the live session with its client, principal and era', async () => {
    const consoleErrors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && consoleErrors.push(message.text())));
    const response = await page.goto(`${running.baseUrl}/admin`);
    assert.equal(response?.status(), 200);
    const row = page.locator('#sessions-rows tr', { hasText: 'legacy-test-client 1.0.0' });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /alice/);
    assert.match(text, /legacy · 2025-/);
    assert.deepEqual(consoleErrors, [], 'the Content-Security-Policy blocked nothing the page needs');
  });

  it('lists the tool calls with outcome and duration, and charts latency per tool', async () => {
    await page.locator('#calls-rows tr', { hasText: 'search_notes' }).waitFor();
    assert.equal(await page.locator('#calls-rows tr').count(), 5);
    assert.equal(await page.locator('#calls-rows td.outcome-error').count(), 1);
    assert.match(await page.locator('#calls-rows tr').first().innerText(), /add\s+ok\s+[\d.]+ ms\s+legacy-test-client 1\.0\.0\s+alice/);
    assert.equal(await page.locator('#latency-chart svg rect.p95:not(.legend)').count(), 3);
    assert.match(await page.locator('#latency-chart svg').textContent() ?? '', /search_notes/);
  });

  it('renders catalog text as text, never as markup', async () => {
    const echo = page.locator('#catalog-rows tr', { hasText: 'echo' });
    assert.match(await echo.innerText(), /<b>Echoes<\/b> its input/);
    assert.equal(await page.locator('#catalog-rows b').count(), 0);
  });

  it('turns a tool off: the MCP client is told, and the tool leaves tools/list', async () => {
    const toggle = page.locator('button.toggle[data-kind="tool"][data-key="echo"]');
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    await toggle.click();
    await page.locator('button.toggle[data-kind="tool"][data-key="echo"][aria-checked="false"]').waitFor();
    await toolsChanged;
    const { tools } = await mcp.client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), ['add', 'search_notes']);

    mkdirSync(new URL('test-artifacts/', ROOT), { recursive: true });
    const screenshot = new URL('test-artifacts/admin.png', ROOT);
    await page.screenshot({ path: screenshot.pathname, fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOT) copyFileSync(screenshot, new URL('docs/admin.png', ROOT));
  });

  it('serves the page with a Content-Security-Policy that allows no inline script', async () => {
    const response = await fetch(`${running.baseUrl}/admin`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /script-src 'self'/);
    assert.doesNotMatch(policy, /unsafe-inline/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.doesNotMatch(await response.text(), /<script>/);
  });

  it('refuses every admin route without the credential (401) or without the admin role (403)', async () => {
    for (const path of ['/admin', '/admin/admin.js', '/admin/api/sessions', '/admin/api/tool-calls', '/admin/api/catalog']) {
      assert.equal((await fetch(`${running.baseUrl}${path}`)).status, 401, path);
      assert.equal((await fetch(`${running.baseUrl}${path}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).status, 403, path);
    }
    const toggle = await fetch(`${running.baseUrl}/admin/api/catalog/toggle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'tool', key: 'add', enabled: false }),
    });
    assert.equal(toggle.status, 401);
  });

  it('refuses a toggle without the CSRF token, even from the page itself', async () => {
    const status = await page.evaluate(async () => {
      const response = await fetch('/admin/api/catalog/toggle', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'tool', key: 'add', enabled: false }),
      });
      return response.status;
    });
    assert.equal(status, 403);
    assert.equal(await page.locator('button.toggle[data-key="add"]').getAttribute('aria-checked'), 'true');
  });

  it('refuses a toggle from a foreign Origin, even with a valid token and cookie', async () => {
    const token = await page.locator('meta[name="mcp-admin-csrf"]').getAttribute('content');
    const [cookie] = await context.cookies(`${running.baseUrl}/admin`);
    assert.equal(cookie?.sameSite, 'Strict');
    assert.equal(cookie?.httpOnly, true);
    const send = (headers: Record<string, string>) =>
      fetch(`${running.baseUrl}/admin/api/catalog/toggle`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', cookie: `${cookie!.name}=${cookie!.value}`, 'x-csrf-token': token!, ...headers },
        body: JSON.stringify({ kind: 'tool', key: 'add', enabled: false }),
      });
    assert.equal((await send({ origin: 'http://evil.example' })).status, 403);
    assert.equal((await send({ origin: running.baseUrl, 'sec-fetch-site': 'cross-site' })).status, 403);
    const { tools } = await mcp.client.listTools();
    assert.ok(tools.some((tool) => tool.name === 'add'));
    // The same request from the page's own origin goes through: the refusals above were the Origin's.
    assert.equal((await send({ origin: running.baseUrl, 'sec-fetch-site': 'same-origin' })).status, 200);
    assert.equal((await send({ origin: running.baseUrl })).status, 200);
  });

  it('refuses a state change over GET', async () => {
    const response = await fetch(`${running.baseUrl}/admin/api/catalog/toggle?kind=tool&key=add&enabled=true`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(response.status, 404);
  });
});
