import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ValidationPipe } from '@nestjs/common';
import { NotesAppModule } from '../apps/rest-wrapped/notes.module.js';
import { connectLegacy, connectModern, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

type ToolResult = { isError?: boolean; structuredContent?: Record<string, unknown>; content: unknown[] };

/**
 * apps/rest-wrapped: an existing REST controller (a guard, a ValidationPipe DTO, an interceptor,
 * a filter) whose routes are offered as MCP tools with `@McpToolFromRoute()`. A call is the
 * route's own HTTP request, so its pipeline decides, for MCP clients as for REST ones.
 */
describe('existing routes as tools', () => {
  let running: RunningApp;
  const KEY = { authorization: 'Bearer key-ada' };

  before(async () => {
    running = await startApp({ imports: [NotesAppModule] }, '/mcp', (app) => app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true })));
  });
  after(() => running?.close());

  it("lists each route as a tool whose input schema comes from its params, query and body DTO", async () => {
    const { client } = await connectLegacy(running.mcpUrl, KEY);
    const tools = Object.fromEntries((await client.listTools()).tools.map((tool) => [tool.name, tool]));
    await client.close();
    assert.deepEqual(Object.keys(tools).sort(), ['add_note', 'get_note', 'list_notes']);
    const add = tools.add_note!.inputSchema as { properties: Record<string, any>; required: string[] };
    assert.deepEqual(add.required, ['body']);
    assert.equal(add.properties.body.properties.text.type, 'string');
    assert.equal(add.properties.body.properties.text.minLength, 1);
    const get = tools.get_note!.inputSchema as { properties: Record<string, any>; required: string[] };
    assert.deepEqual(get.required, ['id']);
    assert.equal((tools.list_notes!.inputSchema as { properties: Record<string, any> }).properties.contains.type, 'string');
    assert.equal(tools.list_notes!.description, 'Lists the notes, those containing a word if given');
  });

  it("runs the route's pipe (transformation applied), interceptor and guard, with the caller's principal", async () => {
    const { client } = await connectLegacy(running.mcpUrl, KEY);
    const added = (await client.callTool({ name: 'add_note', arguments: { body: { text: '  buy milk  ' } } })) as ToolResult;
    assert.equal(added.isError, undefined);
    assert.deepEqual(added.structuredContent, { id: 1, text: 'buy milk', author: 'ada', service: 'notes' });
    const listed = (await client.callTool({ name: 'list_notes', arguments: { contains: 'milk' } })) as ToolResult;
    assert.equal((listed.structuredContent!.notes as unknown[]).length, 1);
    await client.close();
  });

  it("answers the pipe's validation messages as a tool error", async () => {
    const { client } = await connectLegacy(running.mcpUrl, KEY);
    const refused = (await client.callTool({ name: 'add_note', arguments: { body: { text: '   ' } } })) as ToolResult;
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /^400 Bad Request: text must be longer than or equal to 1 characters/);
    const notANumber = (await client.callTool({ name: 'get_note', arguments: { id: 'abc' } })) as ToolResult;
    assert.equal(notANumber.isError, true);
    assert.match(textOf(notANumber), /400 Bad Request: Validation failed \(numeric string is expected\)/);
    await client.close();
  });

  it("answers the guard's refusal and the filter's error as tool errors", async () => {
    const { client: stranger } = await connectLegacy(running.mcpUrl, { authorization: 'Bearer not-a-key' });
    const denied = (await stranger.callTool({ name: 'list_notes', arguments: {} })) as ToolResult;
    assert.equal(denied.isError, true);
    assert.match(textOf(denied), /^403 Forbidden: Forbidden resource/);
    await stranger.close();
    const { client: anonymous } = await connectLegacy(running.mcpUrl);
    assert.match(textOf(await anonymous.callTool({ name: 'list_notes', arguments: {} })), /^401 Unauthorized: An API key is required/);
    await anonymous.close();
    const { client } = await connectLegacy(running.mcpUrl, KEY);
    const missing = (await client.callTool({ name: 'get_note', arguments: { id: '999' } })) as ToolResult;
    assert.equal(missing.isError, true);
    assert.equal(textOf(missing), '404 Not Found: Note 999 not found: list the notes first');
    await client.close();
  });

  it('serves 2026-07-28 clients the same way', async () => {
    const { client } = await connectModern(running.mcpUrl, KEY);
    const added = (await client.callTool({ name: 'add_note', arguments: { body: { text: 'from 2026' } } })) as ToolResult;
    assert.equal(added.structuredContent!.text, 'from 2026');
    assert.equal(added.structuredContent!.author, 'ada');
    await client.close();
  });

  it('leaves the REST routes as they were', async () => {
    const response = await fetch(`${running.baseUrl}/notes`, { headers: KEY });
    assert.equal(response.status, 200);
    assert.ok(((await response.json()) as { notes: unknown[] }).notes.length >= 1);
    assert.equal((await fetch(`${running.baseUrl}/notes`)).status, 401);
  });
});
