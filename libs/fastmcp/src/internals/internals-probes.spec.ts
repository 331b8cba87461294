import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Module } from '@nestjs/common';
import { ExternalContextCreator } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import express from 'express';
import { expressAppSupport, type ExpressApp } from './express-app.js';
import { nestContextCreatorSupport } from './nest-context-creator.js';
import { sdkProtocolSupport } from './sdk-protocol.js';
import { sdkTransportsSupport } from './sdk-transports.js';

@Module({})
class EmptyModule {}

describe('the probes of upstream internals', () => {
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
});
