import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Test, type TestingModule } from '@nestjs/testing';
import { createMcpTestClient } from 'nestjs-fastmcp/testing';
import { NotesModule } from './notes.tools.js';

describe('notes tools', () => {
  let moduleRef: TestingModule;
  beforeEach(async () => {
    moduleRef = await Test.createTestingModule({ imports: [NotesModule] }).compile();
  });
  afterEach(() => moduleRef.close());

  it('adds a note', async () => {
    const mcp = await createMcpTestClient(moduleRef);
    assert.deepEqual((await mcp.callTool('add_note', { text: 'buy milk' })).structuredContent, { count: 1 });
    await mcp.close();
  });

  it('reports progress and logs while importing', async () => {
    const mcp = await createMcpTestClient(moduleRef, { era: '2026-07-28' });
    await mcp.callTool('import_notes', { texts: ['a', 'b', 'c'] });
    assert.deepEqual(mcp.notifications.progress.at(-1), { progress: 3, total: 3 });
    assert.equal(mcp.notifications.logs[0]?.data, 'imported 3 notes');
    await mcp.close();
  });

  it('hides purge_notes from non-admins', async () => {
    const mcp = await createMcpTestClient(moduleRef, { user: { sub: 'bob', roles: [] } });
    assert.ok(!(await mcp.listTools()).some((tool) => tool.name === 'purge_notes'));
    await mcp.close();
  });

  it('purges for an admin who confirms', async () => {
    const mcp = await createMcpTestClient(moduleRef, {
      user: { sub: 'alice', roles: ['admin'] },
      elicit: { action: 'accept', content: { confirm: true } },
    });
    assert.deepEqual((await mcp.callTool('purge_notes')).content, [{ type: 'text', text: 'purged' }]);
    await mcp.close();
  });
});
