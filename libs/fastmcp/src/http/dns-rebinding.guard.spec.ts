import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { dnsRebindingViolation } from './dns-rebinding.guard.js';

const request = (headers: Record<string, string>, localAddress = '127.0.0.1') => ({ headers, socket: { localAddress } }) as unknown as IncomingMessage;

describe('dnsRebindingViolation', () => {
  it('gives the same verdict for a value it has seen as for a new one', () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(dnsRebindingViolation(request({ host: '127.0.0.1:3000' }), {}), undefined);
      assert.equal(dnsRebindingViolation(request({ host: 'evil.example.com' }), {}), 'Invalid Host: evil.example.com');
      assert.equal(dnsRebindingViolation(request({ host: 'localhost', origin: 'http://evil.example.com' }), {}), 'Invalid Origin: evil.example.com');
      assert.equal(dnsRebindingViolation(request({ host: 'localhost', origin: 'http://localhost:5173' }), {}), undefined);
    }
  });

  it('keeps verdicts of different allow-lists apart', () => {
    const policy = { allowedHosts: ['mcp.example.com'] };
    assert.equal(dnsRebindingViolation(request({ host: 'mcp.example.com' }), policy), undefined);
    assert.equal(dnsRebindingViolation(request({ host: 'mcp.example.com' }), {}), 'Invalid Host: mcp.example.com');
    // Off loopback, with no allow-list, any host is served.
    assert.equal(dnsRebindingViolation(request({ host: 'mcp.example.com' }, '10.0.0.5'), {}), undefined);
  });

  it('refuses a missing Host header on loopback', () => {
    assert.equal(dnsRebindingViolation(request({}), {}), 'Missing Host header');
  });

  it('stays correct past its memory bound', () => {
    for (let i = 0; i < 1_100; i++) assert.equal(dnsRebindingViolation(request({ host: `h${i}.example.com` }), {}), `Invalid Host: h${i}.example.com`);
    assert.equal(dnsRebindingViolation(request({ host: 'localhost' }), {}), undefined);
  });
});
