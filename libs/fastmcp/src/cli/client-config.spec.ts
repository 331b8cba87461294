import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientConfig, defaultServerName } from './client-config.js';

const http = (text: string) => ({ kind: 'http' as const, url: new URL(text) });

describe('clientConfig', () => {
  it('bridges Claude Desktop to a remote plain-http server with --allow-http, which mcp-remote requires', () => {
    const { snippet } = clientConfig('claude-desktop', http('http://10.0.0.5:3000/mcp'), 'notes', {});
    assert.deepEqual(snippet, { mcpServers: { notes: { command: 'npx', args: ['-y', 'mcp-remote', 'http://10.0.0.5:3000/mcp', '--allow-http'] } } });
  });

  it('names a stdio script by its absolute path when it exists here, and leaves other arguments alone', () => {
    const { snippet } = clientConfig('cursor', { kind: 'stdio', command: 'node', args: ['package.json', '--port', 'missing.js'] }, 'x', {});
    const args = (snippet.mcpServers as Record<string, { args: string[] }>).x!.args;
    assert.match(args[0]!, /^\/.*\/package\.json$/);
    assert.deepEqual(args.slice(1), ['--port', 'missing.js']);
  });
});

describe('defaultServerName', () => {
  it('is the host of a URL, or the script of a command', () => {
    assert.equal(defaultServerName(http('https://notes.example.com/mcp')), 'notes-example-com');
    assert.equal(defaultServerName({ kind: 'stdio', command: 'node', args: ['dist/main.js'] }), 'main');
  });
});
