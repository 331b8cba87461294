import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogTable } from './catalog-table.js';

const entry = (key: string, source = `Svc.${key}`) => ({ key, source, enabled: true });

describe('CatalogTable', () => {
  it('lists enabled entries in registration order', () => {
    const table = new CatalogTable('tool');
    table.add(entry('b'));
    table.add(entry('a'));
    table.add(entry('c'));
    table.setEnabled('a', false);
    assert.deepEqual(table.list().map((e) => e.key), ['b', 'c']);
  });

  it('rejects a duplicate key, naming both sources', () => {
    const table = new CatalogTable('prompt');
    table.add(entry('x', 'First.x'));
    assert.throws(() => table.add(entry('x', 'Second.y')), /Duplicate MCP prompt "x": declared by First\.x and by Second\.y/);
  });

  it('reports whether setEnabled and remove changed anything', () => {
    const table = new CatalogTable('tool');
    table.add(entry('a'));
    assert.equal(table.setEnabled('a', true), false);
    assert.equal(table.setEnabled('a', false), true);
    assert.equal(table.setEnabled('missing', false), false);
    assert.equal(table.remove('a'), true);
    assert.equal(table.remove('a'), false);
    assert.deepEqual(table.list(), []);
  });
});
