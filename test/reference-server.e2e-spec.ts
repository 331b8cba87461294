import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppModule } from '../src/app.module.js';
import { ERAS, textOf, type AnyClient } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

for (const { era, connect } of ERAS) {
  describe(`reference notes server, ${era}`, () => {
    let running: RunningApp;
    let client: AnyClient;

    before(async () => {
      running = await startApp({ imports: [AppModule] });
      ({ client } = await connect(running.mcpUrl));
    });

    after(async () => {
      await client.close();
      await running.close();
    });

    it('creates, finds, reads and deletes a note', async () => {
      const created = textOf(await client.callTool({ name: 'create_note', arguments: { title: 'Groceries', body: 'Milk and eggs', tags: ['home'] } }));
      const id = /Created note (\w+)/.exec(created)![1]!;
      const found = await client.callTool({ name: 'search_notes', arguments: { query: 'milk' } });
      assert.deepEqual(found.structuredContent, { notes: [{ id, title: 'Groceries', tags: ['home'] }] });
      const { contents } = await client.readResource({ uri: `notes://${id}` });
      assert.equal((contents[0] as { text: string }).text, '# Groceries\n\nMilk and eggs\n');
      const prompt = await client.getPrompt({ name: 'summarize_note', arguments: { id, style: 'haiku' } });
      assert.match((prompt.messages[0]!.content as { text: string }).text, /^Summarise this note as haiku/);
      assert.equal(textOf(await client.callTool({ name: 'delete_note', arguments: { id } })), 'Deleted "Groceries"');
    });

    it('rejects an invalid DTO with the failing fields named', async () => {
      const result = await client.callTool({ name: 'create_note', arguments: { title: '', body: 3 } });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /title: /);
      assert.match(textOf(result), /body: body must be a string/);
    });

    it('answers a missing note with -32602 naming the URI', async () => {
      await assert.rejects(client.readResource({ uri: 'notes://missing' }), (error: { code: number; message: string }) => {
        assert.equal(error.code, -32602);
        assert.match(error.message, /Note missing does not exist/);
        return true;
      });
    });

    it('keeps the welcome note (a domain rule reported as a user error)', async () => {
      const result = await client.callTool({ name: 'delete_note', arguments: { id: 'welcome' } });
      assert.equal(result.isError, true);
      assert.equal(textOf(result), 'The welcome note cannot be deleted');
    });
  });
}
