import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { AdminCatalogView } from './admin-catalog.view.js';

function catalog() {
  const registry = new McpRegistry();
  registry.addTool({ name: 'add', description: 'Adds', handler: () => 'sum' });
  registry.addResource({ name: 'readme', uri: 'docs://readme', handler: () => 'text' });
  registry.addResource({ name: 'note', uriTemplate: 'notes://{id}', handler: () => 'note' });
  registry.addPrompt({ name: 'summarize', handler: () => 'prompt' });
  const changed: string[] = [];
  registry.onChange((kind) => changed.push(kind));
  return { registry, view: new AdminCatalogView(registry), changed };
}

describe('AdminCatalogView', () => {
  it('lists every kind with its key, uri and enabled flag', () => {
    const { view } = catalog();
    assert.deepEqual(
      view.list().map((item) => [item.kind, item.key, item.uri, item.enabled]),
      [
        ['tool', 'add', null, true],
        ['resource', 'docs://readme', 'docs://readme', true],
        ['resourceTemplate', 'note', 'notes://{id}', true],
        ['prompt', 'summarize', null, true],
      ],
    );
  });

  it('disables an item and tells the registry listeners (which notify clients)', () => {
    const { registry, view, changed } = catalog();
    assert.equal(view.setEnabled('tool', 'add', false), true);
    assert.equal(registry.tools.list().length, 0);
    assert.deepEqual(changed, ['tool']);
  });

  it('switches a resource template by name', () => {
    const { registry, view, changed } = catalog();
    assert.equal(view.setEnabled('resourceTemplate', 'note', false), true);
    assert.equal(registry.resourceTemplates.get('note')!.enabled, false);
    assert.deepEqual(changed, ['resourceTemplate']);
  });

  it('reports an unknown item, and a kind that does not hold the key', () => {
    const { view, changed } = catalog();
    assert.equal(view.setEnabled('tool', 'missing', false), false);
    assert.equal(view.setEnabled('prompt', 'add', false), false);
    assert.deepEqual(changed, []);
  });

  it('notifies no one when the item is already in the state asked for', () => {
    const { view, changed } = catalog();
    assert.equal(view.setEnabled('tool', 'add', true), true);
    assert.deepEqual(changed, []);
  });
});
