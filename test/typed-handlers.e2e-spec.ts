import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { McpModule, McpPrompt, McpTool, prompt, tool } from 'nestjs-fastmcp';
import { createMcpTestClient } from 'nestjs-fastmcp/testing';
import { z } from 'zod';
import { textOf } from './support/clients.js';

@Injectable()
class TypedCalc {
  @McpTool(tool({ name: 'add', input: z.object({ a: z.number(), b: z.number() }), output: z.object({ sum: z.number() }) }))
  add({ a, b }: { a: number; b: number }) {
    return { sum: a + b };
  }

  @McpPrompt(prompt({ name: 'explain', arguments: z.object({ topic: z.string() }) }))
  explain({ topic }: { topic: string }) {
    return `Explain ${topic}`;
  }
}

describe('typed handlers: tool() and prompt()', () => {
  it('type-check methods against their schemas (test/types compiles, its @ts-expect-error lines all fail)', () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const project = fileURLToPath(new URL('../../test/types/tsconfig.json', import.meta.url));
    const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  it('register the same tool and prompt as plain options at run time', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [McpModule.forRoot({ name: 'typed', version: '1.0.0' })], providers: [TypedCalc] }).compile();
    moduleRef.useLogger(false);
    const mcp = await createMcpTestClient(moduleRef);
    assert.deepEqual((await mcp.callTool('add', { a: 2, b: 3 })).structuredContent, { sum: 5 });
    assert.equal(textOf({ content: [(await mcp.getPrompt('explain', { topic: 'decorators' })).messages[0]!.content] }), 'Explain decorators');
    await mcp.close();
    await moduleRef.close();
  });
});
