import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MountNamespace } from './mount-namespace.js';

describe('MountNamespace', () => {
  const ns = new MountNamespace('files');

  it('joins tool and prompt names with an underscore', () => {
    assert.equal(ns.name('read_file'), 'files_read_file');
  });

  it('keeps a namespaced URI absolute and maps it back', () => {
    const uri = ns.uri('file:///data/a.txt');
    assert.equal(uri, 'files+file:///data/a.txt');
    assert.ok(URL.canParse(uri));
    assert.equal(ns.originalUri(uri), 'file:///data/a.txt');
  });

  it('does not claim URIs of another namespace', () => {
    assert.equal(ns.originalUri('crm+https://x/y'), undefined);
  });

  it('leaves names and URIs as they are with an empty prefix', () => {
    const bare = new MountNamespace('');
    assert.equal(bare.name('read_file'), 'read_file');
    assert.equal(bare.uri('file:///a'), 'file:///a');
    assert.equal(bare.originalUri('file:///a'), 'file:///a');
  });

  it('accepts prefixes usable in a URI scheme only', () => {
    assert.ok(MountNamespace.isValidPrefix('crm-2'));
    assert.ok(!MountNamespace.isValidPrefix('2crm'));
    assert.ok(!MountNamespace.isValidPrefix('a_b'));
  });
});
