import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { McpConfigurationError, McpModule, McpTool } from 'nestjs-fastmcp';
import { z } from 'zod';
import { CalcService } from './fixtures/calc.service.js';
import { connectLegacy, connectModern, textOf } from './support/clients.js';
import { startApp } from './support/test-app.js';

@Injectable()
class BillingTools {
  @McpTool({ name: 'refund' })
  refund() {
    return 'billing';
  }
}

@Injectable()
class SupportTools {
  @McpTool({ name: 'refund' })
  issueRefund() {
    return 'support';
  }
}

@Injectable()
class ScalarInputTools {
  @McpTool({ name: 'scalar', input: z.string() as never })
  scalar() {
    return 'never';
  }
}

@Injectable()
class AppConfig {
  readonly mcpPath = '/api/assistant';
}

@Module({ providers: [AppConfig], exports: [AppConfig] })
class ConfigModule {}

async function bootstrapError(providers: Function[], options: Parameters<typeof McpModule.forRoot>[0] = { name: 'dup', version: '1.0.0' }): Promise<Error> {
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const createApp = async () =>
    (await Test.createTestingModule({ imports: [McpModule.forRoot(options)], providers: providers as never[] }).compile()).createNestApplication({ logger: false });
  try {
    app = await createApp();
    await app.init();
  } catch (error) {
    return error as Error;
  } finally {
    await app?.close().catch(() => undefined);
  }
  throw new Error('bootstrap unexpectedly succeeded');
}

describe('bootstrap', () => {
  it('fails on a duplicate tool name, naming both providers', async () => {
    const error = await bootstrapError([BillingTools, SupportTools]);
    assert.match(error.message, /Duplicate MCP tool "refund"/);
    assert.match(error.message, /BillingTools\.refund/);
    assert.match(error.message, /SupportTools\.issueRefund/);
  });

  it('fails on a tool input schema that does not describe an object', async () => {
    const error = await bootstrapError([ScalarInputTools]);
    assert.ok(error instanceof McpConfigurationError);
    assert.equal(error.option, 'input');
    assert.match(error.message, /Tool "scalar" \(ScalarInputTools\.scalar\): the input schema must describe an object/);
  });

  const badOptions: Array<[string, Partial<Parameters<typeof McpModule.forRoot>[0]>, RegExp]> = [
    ['pageSize', { pageSize: 0 }, /McpModule: `pageSize` must be a positive integer, got 0/],
    ['tasks.maxTtlMs', { tasks: { maxTtlMs: 1.5 } }, /`tasks.maxTtlMs` must be a positive integer, got 1.5/],
    ['transports', { transports: ['websocket' as never] }, /`transports` may hold 'streamable-http', 'sse', 'stdio'; got 'websocket'/],
    ['version', { version: '' }, /McpModule: `version` is required/],
  ];
  for (const [option, options, message] of badOptions) {
    it(`fails on a bad \`${option}\` with a configuration error naming it`, async () => {
      const error = await bootstrapError([], { name: 'bad', version: '1.0.0', ...options });
      assert.ok(error instanceof McpConfigurationError, String(error));
      assert.equal(error.option, option);
      assert.match(error.message, message);
    });
  }

  it('configures the module asynchronously with forRootAsync, including the path', async () => {
    const running = await startApp(
      {
        imports: [
          McpModule.forRootAsync({
            imports: [ConfigModule],
            inject: [AppConfig],
            useFactory: (config: AppConfig) => ({ name: 'async', version: '2.0.0', path: config.mcpPath }),
          }),
        ],
        providers: [CalcService],
      },
      '/api/assistant',
    );
    try {
      for (const connect of [connectLegacy, connectModern]) {
        const { client } = await connect(running.mcpUrl);
        assert.equal(client.getServerVersion()?.name, 'async');
        assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 1, b: 1 } })), '2');
        await client.close();
      }
    } finally {
      await running.close();
    }
  });
});
