import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Test, type TestingModule } from '@nestjs/testing';
import { McpModule } from 'nestjs-fastmcp';
import { createMcpTestClient, type McpTestClient, type McpTestEra } from 'nestjs-fastmcp/testing';
import { BOOKING_JSON_SCHEMA, SchemaStyles } from './fixtures/schema-styles.fixture.js';
import { textOf } from './support/clients.js';

const STYLES = ['zod', 'dto', 'valibot', 'arktype', 'json'];
const ERAS: McpTestEra[] = ['2025-11-25', '2026-07-28'];

describe('schema styles: zod, class-validator, valibot, arktype and plain JSON Schema', () => {
  let moduleRef: TestingModule;
  before(async () => {
    moduleRef = await Test.createTestingModule({ imports: [McpModule.forRoot({ name: 'schemas', version: '1.0.0' })], providers: [SchemaStyles] }).compile();
    moduleRef.useLogger(false);
  });
  after(() => moduleRef.close());

  for (const era of ERAS) {
    describe(`era ${era}`, () => {
      let mcp: McpTestClient;
      before(async () => (mcp = await createMcpTestClient(moduleRef, { era })));
      after(() => mcp.close());

      it('publishes an object input schema for every style, and a JSON Schema as given', async () => {
        const tools = await mcp.listTools();
        for (const style of STYLES) {
          const schema = tools.find((tool) => tool.name === `book_${style}`)?.inputSchema;
          assert.equal(schema?.type, 'object', style);
          assert.deepEqual(Object.keys(schema?.properties ?? {}).slice(0, 2).sort(), ['city', 'nights'], style);
        }
        assert.deepEqual(tools.find((tool) => tool.name === 'book_json')?.inputSchema, BOOKING_JSON_SCHEMA);
      });

      for (const style of STYLES) {
        it(`${style}: runs the tool with valid arguments and names the failing field otherwise`, async () => {
          assert.match(textOf(await mcp.callTool(`book_${style}`, { city: 'Oslo', nights: 2 })), /2 nights in Oslo/);
          const refused = await mcp.callTool(`book_${style}`, { city: 'Oslo', nights: 0 });
          assert.equal(refused.isError, true);
          assert.match(textOf(refused), new RegExp(`^Invalid arguments for tool book_${style}: nights: `));
        });
      }

      it('json: follows $defs, oneOf and if/then', async () => {
        const wrongRoom = await mcp.callTool('book_json', { city: 'Oslo', nights: 1, room: 'suite' });
        assert.match(textOf(wrongRoom), /room: must match exactly one schema in oneOf/);
        const noDiet = await mcp.callTool('book_json', { city: 'Oslo', nights: 1, breakfast: true });
        assert.equal(textOf(noDiet), 'Invalid arguments for tool book_json: diet: is required');
        const ok = await mcp.callTool('book_json', { city: 'Oslo', nights: 1, breakfast: true, diet: 'vegan' });
        assert.deepEqual(ok.structuredContent, { summary: '1 nights in Oslo' });
      });

      it('json: prompt arguments come from the schema, and bad ones answer -32602 naming the field', async () => {
        const prompt = (await mcp.listPrompts()).find((item) => item.name === 'plan_trip');
        assert.deepEqual(prompt?.arguments, [{ name: 'city', required: true }]);
        const result = await mcp.getPrompt('plan_trip', { city: 'Rome' });
        assert.deepEqual(result.messages[0]?.content, { type: 'text', text: 'Plan three days in Rome.' });
        await assert.rejects(mcp.getPrompt('plan_trip', { city: 'R' }), (error: { code: number; message: string }) => {
          assert.equal(error.code, -32602);
          assert.match(error.message, /city: must NOT have fewer than 2 characters/);
          return true;
        });
      });
    });
  }
});
