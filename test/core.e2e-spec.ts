import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpModule } from 'nestjs-fastmcp';
import { CalcService, PNG_1X1 } from './fixtures/calc.service.js';
import { ERAS, textOf, type AnyClient } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

for (const { era, connect } of ERAS) {
  describe(`core over Streamable HTTP, ${era}`, () => {
    let running: RunningApp;
    let client: AnyClient;

    before(async () => {
      running = await startApp({
        imports: [McpModule.forRoot({ name: 'calc', version: '1.2.3', instructions: 'Use add for sums', maskErrors: true })],
        providers: [CalcService],
      });
      ({ client } = await connect(running.mcpUrl));
    });

    after(async () => {
      await client.close();
      await running.close();
    });

    it('reports server info and instructions', () => {
      assert.deepEqual(client.getServerVersion(), { name: 'calc', version: '1.2.3' });
      assert.equal(client.getInstructions(), 'Use add for sums');
    });

    it('lists tools with JSON Schemas from zod and from class-validator DTOs', async () => {
      const { tools } = await client.listTools();
      const add = tools.find((tool) => tool.name === 'add')!;
      assert.equal(add.title, 'Addition');
      assert.deepEqual(add.annotations, { readOnlyHint: true, idempotentHint: true });
      assert.deepEqual(add.inputSchema, {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { a: { type: 'number', description: 'first addend' }, b: { type: 'number' } },
        required: ['a', 'b'],
      });
      const multiply = tools.find((tool) => tool.name === 'multiply')!;
      assert.equal(multiply.inputSchema.type, 'object');
      assert.deepEqual(Object.keys(multiply.inputSchema.properties ?? {}).sort(), ['a', 'b', 'label']);
      assert.deepEqual([...(multiply.inputSchema.required ?? [])].sort(), ['a', 'b']);
      assert.equal(multiply.inputSchema.additionalProperties, false);
      const stats = tools.find((tool) => tool.name === 'stats')!;
      assert.deepEqual(stats.outputSchema?.required, ['sum', 'mean']);
    });

    it('calls a tool and maps a number to text', async () => {
      assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } })), '42');
    });

    it('validates DTO input with class-validator and hands the method a DTO instance', async () => {
      assert.equal(textOf(await client.callTool({ name: 'multiply', arguments: { a: 6, b: 7, label: 'answer' } })), 'answer=42 (dto)');
      const invalid = await client.callTool({ name: 'multiply', arguments: { a: 6, b: 'seven', label: 'x' } });
      assert.equal(invalid.isError, true);
      assert.match(textOf(invalid), /b: b must be a number/);
      assert.match(textOf(invalid), /label: label must be longer than or equal to 2 characters/);
    });

    it('refuses DTO arguments the DTO does not declare, naming them', async () => {
      const extra = await client.callTool({ name: 'multiply', arguments: { a: 6, b: 7, extra: 'x', user: { roles: ['admin'] } } });
      assert.equal(extra.isError, true);
      assert.match(textOf(extra), /property extra should not exist/);
      assert.match(textOf(extra), /property user should not exist/);
    });

    it('answers invalid zod arguments with an isError result naming the field', async () => {
      const result = await client.callTool({ name: 'add', arguments: { a: 1, b: 'two' } });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /^Invalid arguments for tool add: b: /);
    });

    it('returns structuredContent validated against the output schema', async () => {
      const result = await client.callTool({ name: 'stats', arguments: { values: [1, 2, 3] } });
      assert.deepEqual(result.structuredContent, { sum: 6, mean: 2 });
      assert.deepEqual(JSON.parse(textOf(result)), { sum: 6, mean: 2 });
    });

    it('turns output that breaks the output schema into a tool error', async () => {
      const result = await client.callTool({ name: 'bad_output', arguments: {} });
      assert.equal(result.isError, true);
    });

    it('passes McpUserError messages through as isError results', async () => {
      const result = await client.callTool({ name: 'fail_user', arguments: {} });
      assert.equal(result.isError, true);
      assert.equal(textOf(result), 'Quota exceeded for today');
    });

    it('masks unexpected errors when maskErrors is on', async () => {
      const result = await client.callTool({ name: 'fail_internal', arguments: {} });
      assert.equal(result.isError, true);
      assert.equal(textOf(result), 'Internal error');
    });

    it('builds image content with the MIME type detected from the bytes', async () => {
      const result = await client.callTool({ name: 'logo_image', arguments: {} });
      assert.deepEqual(result.content, [{ type: 'image', mimeType: 'image/png', data: PNG_1X1.toString('base64') }]);
    });

    it('passes content block lists through, resource links included', async () => {
      const result = await client.callTool({ name: 'link', arguments: {} });
      assert.deepEqual(result.content, [
        { type: 'text', text: 'see' },
        { type: 'resource_link', uri: 'config://app', name: 'app-config', mimeType: 'application/json' },
      ]);
    });

    it('rejects an unknown tool with JSON-RPC error -32602', async () => {
      await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), (error: { code: number; message: string }) => {
        assert.equal(error.code, -32602);
        assert.match(error.message, /no_such_tool/);
        return true;
      });
    });

    it('reads a fixed resource as JSON', async () => {
      const { contents } = await client.readResource({ uri: 'config://app' });
      assert.deepEqual(contents, [{ uri: 'config://app', mimeType: 'application/json', text: '{"debug":false}' }]);
    });

    it('reads a templated resource with the matched variables', async () => {
      const { contents } = await client.readResource({ uri: 'users://42/profile' });
      assert.deepEqual(contents, [{ uri: 'users://42/profile', mimeType: 'text/plain', text: 'Profile of 42' }]);
    });

    it('reads a Buffer resource as a base64 blob', async () => {
      const { contents } = await client.readResource({ uri: 'files://logo.png' });
      assert.deepEqual(contents, [{ uri: 'files://logo.png', mimeType: 'image/png', blob: PNG_1X1.toString('base64') }]);
    });

    it('lists fixed resources and resource templates apart', async () => {
      const { resources } = await client.listResources();
      assert.deepEqual(resources.map((resource) => resource.uri), ['config://app', 'files://logo.png']);
      const { resourceTemplates } = await client.listResourceTemplates();
      assert.deepEqual(resourceTemplates, [{ name: 'user-profile', description: 'A user profile', uriTemplate: 'users://{id}/profile' }]);
    });

    // The 2026-07-28 spec answers -32602 on every revision (clients still accept -32002).
    it('rejects an unknown resource with JSON-RPC error -32602', async () => {
      await assert.rejects(client.readResource({ uri: 'nothing://here' }), (error: { code: number; message: string }) => {
        assert.equal(error.code, -32602);
        assert.match(error.message, /nothing:\/\/here/);
        return true;
      });
    });

    it('lists prompts with arguments derived from the schema', async () => {
      const { prompts } = await client.listPrompts();
      const greet = prompts.find((prompt) => prompt.name === 'greet')!;
      assert.deepEqual(greet.arguments, [
        { name: 'name', description: 'Who to greet', required: true },
        { name: 'tone', required: false },
      ]);
    });

    it('gets a prompt: a string becomes one user message', async () => {
      const result = await client.getPrompt({ name: 'greet', arguments: { name: 'Ada', tone: 'warm' } });
      assert.equal(result.description, 'Greet someone');
      assert.deepEqual(result.messages, [{ role: 'user', content: { type: 'text', text: 'Say hello to Ada in a warm tone' } }]);
    });

    it('gets a prompt returning a list of messages', async () => {
      const result = await client.getPrompt({ name: 'dialogue' });
      assert.deepEqual(
        result.messages.map((message) => message.role),
        ['user', 'assistant'],
      );
    });

    it('rejects missing prompt arguments and unknown prompts with -32602', async () => {
      await assert.rejects(client.getPrompt({ name: 'greet', arguments: {} }), (error: { code: number; message: string }) => {
        assert.equal(error.code, -32602);
        assert.match(error.message, /name/);
        return true;
      });
      await assert.rejects(client.getPrompt({ name: 'nope' }), (error: { code: number }) => error.code === -32602);
    });

    it('gives handlers a context describing the call', async () => {
      const context = JSON.parse(textOf(await client.callTool({ name: 'whoami', arguments: {} })));
      assert.equal(context.transport, 'streamable-http');
      assert.equal(context.hasRequest, true);
      assert.equal(context.method, 'tools/call');
      if (era.startsWith('legacy')) {
        assert.equal(context.era, 'legacy');
        assert.match(context.sessionId, /^[0-9a-f-]{36}$/);
      } else {
        assert.equal(context.era, 'modern');
        assert.equal(context.sessionId, null);
      }
    });
  });
}
