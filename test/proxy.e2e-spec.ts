import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connectLegacy, connectModern, textOf } from './support/clients.js';
import { ISSUER, mintToken, SECRET } from './support/tokens.js';

const BIN = fileURLToPath(new URL('../../libs/fastmcp/dist/cli/main.js', import.meta.url));
const FILES_SERVER = fileURLToPath(new URL('./fixtures/mount-stdio-server.js', import.meta.url));
const KEY = 'proxy-test-key-0123456789';

/** Starts `nestjs-fastmcp proxy` and resolves with the URL it prints once it listens. */
function startProxy(...args: string[]): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, [BIN, 'proxy', '--port', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = stderr.match(/at (http:\/\/\S+)/);
      if (found) resolve({ child, url: new URL(found[1]!) });
    });
    child.once('exit', (code) => reject(new Error(`proxy exited with ${code}: ${stderr}`)));
  });
}

describe('nestjs-fastmcp proxy', () => {
  let proxy: { child: ChildProcess; url: URL };

  before(async () => {
    proxy = await startProxy('--api-key', KEY, '--bearer-secret', SECRET, '--issuer', ISSUER, '--', process.execPath, FILES_SERVER);
  });

  after(() => {
    proxy?.child.kill('SIGTERM');
  });

  it('serves a stdio server over Streamable HTTP to a v1 client with the key, under the tools\' own names', async () => {
    const { client } = await connectLegacy(proxy.url, { authorization: `Bearer ${KEY}` });
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    assert.ok(names.includes('read_file'), names.join(', '));
    assert.match(textOf(await client.callTool({ name: 'read_file', arguments: { path: '/x' } })), /^contents of \/x/);
    await client.close();
  });

  it('serves the 2026-07-28 era to a v2 client with the key', async () => {
    const { client } = await connectModern(proxy.url, { 'x-api-key': KEY });
    assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
    assert.match(textOf(await client.callTool({ name: 'read_file', arguments: { path: '/y' } })), /^contents of \/y/);
    await client.close();
  });

  it('accepts an HS256 JWT minted for the proxy URL', async () => {
    const token = await mintToken({ sub: 'alice', aud: proxy.url.href });
    const { client } = await connectLegacy(proxy.url, { authorization: `Bearer ${token}` });
    assert.match(textOf(await client.callTool({ name: 'read_file', arguments: { path: '/z' } })), /^contents of \/z/);
    await client.close();
  });

  it('answers 401 without a key', async () => {
    const response = await fetch(proxy.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    assert.equal(response.status, 401);
  });
});
