import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ColumnCipher } from '../encryption/column-cipher.js';
import type { McpToolCallEntity } from '../entities/mcp-tool-call.entity.js';
import { mcpRecordCodec } from './mcp-record.codec.js';
import type { McpRecord } from './mcp-record.js';

const KEY = randomBytes(32);

function toolCall(): McpRecord {
  const row: McpToolCallEntity = {
    id: '6f1c8a52-93a4-4a8e-9d0e-0f4d4b1f6a10',
    sessionId: null,
    principalId: 'dana',
    clientInfo: { name: 'client', version: '1.0.0' },
    protocolVersion: '2025-11-25',
    era: 'legacy',
    transport: 'streamable-http',
    requestId: '1',
    method: 'tools/call',
    tool: 'login',
    arguments: { user: 'dana', note: 'spill-marker' },
    outcome: 'ok',
    error: null,
    reason: null,
    durationMs: 1.5,
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    sanitized: false,
  };
  return { kind: 'tool-call', row };
}

describe('mcpRecordCodec', () => {
  it('writes payloads to the spill file sealed, and reads them back in clear', () => {
    const codec = mcpRecordCodec(ColumnCipher.fromOptions({ key: KEY }));
    const record = toolCall();
    const line = codec.encode(record);
    assert.doesNotMatch(line, /spill-marker/);
    assert.match(line, /"tool":"login"/);
    assert.deepEqual(codec.decode(line), record);
    // The queued record itself is left alone: the database write seals its own copy.
    assert.deepEqual((record as { row: McpToolCallEntity }).row.arguments, { user: 'dana', note: 'spill-marker' });
  });

  it('keeps a payload sealed under a key no longer configured sealed, for the database to hold as it is', () => {
    const line = mcpRecordCodec(ColumnCipher.fromOptions({ keys: { old: KEY }, current: 'old' })).encode(toolCall());
    const decoded = mcpRecordCodec(ColumnCipher.fromOptions({ key: randomBytes(32) })).decode(line) as { row: McpToolCallEntity };
    assert.match((decoded.row.arguments as { $enc: string }).$enc, /^v1:old:/);
  });

  it('writes plain JSON lines without encryption', () => {
    assert.match(mcpRecordCodec(ColumnCipher.fromOptions(undefined)).encode(toolCall()), /spill-marker/);
  });
});
