import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MCP_HANDLER_COMPOSER } from '../execution/mcp-handler.composer.js';
import { McpModule } from '../mcp.module.js';
import { MCP_HTTP_SHORTCUT } from '../transports/streamable-http/mcp-http-shortcut.js';
import { McpAccelSupport } from './mcp-accel.support.js';

async function seams(fastPath?: boolean) {
  const moduleRef = await Test.createTestingModule({ imports: [McpModule.forRoot({ name: 'seams', version: '1.0.0', fastPath })] }).compile();
  const find = (token: symbol) => {
    try {
      return moduleRef.get(token, { strict: false }) as unknown;
    } catch {
      return undefined;
    }
  };
  const found = { shortcut: find(MCP_HTTP_SHORTCUT), composer: find(MCP_HANDLER_COMPOSER) };
  await moduleRef.close();
  return found;
}

describe('McpAccelModule', () => {
  it('offers both seams by default, its probes passing', async () => {
    const { shortcut, composer } = await seams();
    assert.ok(shortcut);
    assert.ok(composer);
  });

  it('is left out with fastPath: false: stock Nest and SDK everywhere, consumers included', async () => {
    assert.deepEqual(await seams(false), { shortcut: undefined, composer: undefined });
  });

  it('turns off what a failed probe rests on, with one warning naming the internals file', () => {
    const warnings: string[] = [];
    const original = Logger.prototype.warn;
    Logger.prototype.warn = function (message: unknown) {
      warnings.push(String(message));
    };
    try {
      const support = Object.create(McpAccelSupport.prototype) as McpAccelSupport;
      Object.assign(support, { logger: new Logger('McpFastPath') });
      assert.equal(support.check('sdk-protocol', false), false);
      assert.equal(support.check('sdk-transports', true), true);
    } finally {
      Logger.prototype.warn = original;
    }
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /internals\/sdk-protocol\.ts/);
  });
});
