import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Module } from '@nestjs/common';
import { ExternalContextCreator } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import express from 'express';
import { expressAppSupport, type ExpressApp } from './express-app.js';
import { nestContextCreatorSupport } from './nest-context-creator.js';
import { ProtocolError, type JSONRPCMessage, type Transport } from '@modelcontextprotocol/server';
import { sdkProtocolSupport, TaskResultServer, type ParamsIssue } from './sdk-protocol.js';
import { sdkTransportsSupport } from './sdk-transports.js';
import { probeRouteMetadata } from './nest-route-metadata.js';

@Module({})
class EmptyModule {}

describe('the probes of upstream internals', () => {
  it("find Nest's route decorators writing the metadata nest-route-metadata.ts reads", () => {
    assert.doesNotThrow(() => probeRouteMetadata());
  });

  it('find the pinned SDK behaving as sdk-protocol.ts and sdk-transports.ts assume', async () => {
    assert.equal(await sdkProtocolSupport(), true);
    assert.equal(await sdkTransportsSupport(), true);
  });

  it("find the installed Nest composing handlers as nest-context-creator.ts assumes, and refuse what is not Nest's creator", async () => {
    const moduleRef = await Test.createTestingModule({ imports: [EmptyModule] }).compile();
    assert.equal(await nestContextCreatorSupport(moduleRef.get(ExternalContextCreator)), true);
    assert.equal(await nestContextCreatorSupport({} as ExternalContextCreator), false);
    await moduleRef.close();
  });

  it('find an Express 5 app as express-app.ts assumes, and refuse something else', () => {
    assert.equal(expressAppSupport(express() as unknown as ExpressApp), true);
    assert.equal(expressAppSupport({ router: {} } as unknown as ExpressApp), false);
  });

  it("find the SDK's params refusals where TaskResultServer recognises them, with the issues they carry", async () => {
    const seen: Array<{ method: string; issues: readonly ParamsIssue[] }> = [];
    class Recognising extends TaskResultServer {
      protected override invalidParams(method: string, issues: readonly ParamsIssue[]): Error {
        seen.push({ method, issues });
        return new ProtocolError(-32602, 'refused');
      }
    }
    const sent: JSONRPCMessage[] = [];
    const transport: Transport = { start: async () => {}, close: async () => {}, send: async (message) => void sent.push(message) };
    const server = new Recognising({ name: 'probe', version: '0' }, { capabilities: { resources: {} } });
    server.setRequestHandler('resources/read', async () => ({ contents: [] }));
    await server.connect(transport);
    transport.onmessage?.({ jsonrpc: '2.0', id: 1, method: 'resources/read', params: { uri: { not: 'a string' } } });
    for (let turns = 0; sent.length === 0 && turns < 100; turns++) await new Promise((resolve) => setImmediate(resolve));
    await server.close();
    assert.deepEqual((sent[0] as { error?: unknown }).error, { code: -32602, message: 'refused' });
    assert.equal(seen[0]?.method, 'resources/read');
    assert.deepEqual(seen[0]?.issues[0]?.path, ['params', 'uri']);
    assert.equal(seen[0]?.issues[0]?.expected, 'string');
  });
});
