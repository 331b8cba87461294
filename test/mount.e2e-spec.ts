import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Injectable, Module, type CanActivate, type ExecutionContext, type MiddlewareConsumer, type NestMiddleware, type NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ElicitRequestSchema, LoggingMessageNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { McpAlsoOnCalls, McpEvents, McpModule, McpRegistry, McpSessionManager, type McpEventMap } from 'nestjs-fastmcp';
import { CrmService } from './fixtures/mount-remote.fixture.js';
import { connectLegacy, connectModern, ERAS, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

const FILES_SERVER = fileURLToPath(new URL('./fixtures/mount-stdio-server.js', import.meta.url));

/** The principal comes from headers: `x-roles: a,b`. */
@Injectable()
class RolesFromHeader implements NestMiddleware {
  use(req: { headers: Record<string, string | string[] | undefined>; user?: unknown }, _res: unknown, next: () => void) {
    const roles = req.headers['x-roles'];
    if (typeof roles === 'string') req.user = { sub: 'tester', roles: roles.split(',') };
    next();
  }
}

/** A global guard on every call: records what it saw, refuses callers marked `x-blocked`. */
const guarded: string[] = [];
@Injectable()
@McpAlsoOnCalls()
class RecordingGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'mcp') return true;
    guarded.push(`${context.getClass().name}.${context.getHandler().name}`);
    return context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['x-blocked'] === undefined;
  }
}

@Module({ imports: [McpModule.forRoot({ name: 'crm', version: '1.0.0' })], providers: [CrmService] })
class RemoteModule {}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('Mounting other MCP servers', () => {
  let remote: RunningApp;
  let gateway: RunningApp;
  const audit: Array<McpEventMap['tool.called']> = [];
  const SALES = { 'x-roles': 'sales' };

  before(async () => {
    remote = await startApp({ imports: [RemoteModule] });
    @Module({
      imports: [
        McpModule.forRoot({
          name: 'gateway',
          version: '1.0.0',
          mount: [
            { prefix: 'files', command: process.execPath, args: [FILES_SERVER] },
            { prefix: 'crm', url: remote.mcpUrl.href, roles: ['sales'] },
          ],
        }),
      ],
      providers: [RolesFromHeader, { provide: APP_GUARD, useClass: RecordingGuard }],
    })
    class GatewayModule implements NestModule {
      configure(consumer: MiddlewareConsumer) {
        consumer.apply(RolesFromHeader).forRoutes('*');
      }
    }
    gateway = await startApp({ imports: [GatewayModule] });
    gateway.app.get(McpEvents).on('tool.called', (event) => void audit.push(event));
  });

  after(async () => {
    await gateway?.close();
    await remote?.close();
  });

  for (const { era, connect } of ERAS) {
    describe(era, () => {
      it('lists the mounted tools under their prefixes', async () => {
        const { client } = await connect(gateway.mcpUrl, SALES);
        const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
        assert.deepEqual(names, ['crm_close_deal', 'crm_find_customer', 'files_cancelled_calls', 'files_confirm_delete', 'files_count', 'files_crash', 'files_read_file', 'files_wait_for_cancel']);
        await client.close();
      });

      it('calls a tool of a stdio child and of a remote server', async () => {
        const { client } = await connect(gateway.mcpUrl, SALES);
        assert.match(textOf(await client.callTool({ name: 'files_read_file', arguments: { path: '/data/a.txt' } })), /^contents of \/data\/a.txt/);
        assert.equal(textOf(await client.callTool({ name: 'crm_find_customer', arguments: { id: '7' } })), 'customer 7: ACME');
        await client.close();
      });

      it('reads mounted resources and templates under namespaced URIs', async () => {
        const { client } = await connect(gateway.mcpUrl);
        const resources = (await client.listResources()).resources.map((resource) => resource.uri);
        assert.deepEqual(resources, ['files+file:///data/README.md']);
        const templates = (await client.listResourceTemplates()).resourceTemplates.map((template) => template.uriTemplate);
        assert.deepEqual(templates, ['files+file:///data/{name}']);
        const readme = await client.readResource({ uri: 'files+file:///data/README.md' });
        assert.deepEqual(readme.contents, [{ uri: 'files+file:///data/README.md', mimeType: 'text/markdown', text: '# Data' }]);
        const file = await client.readResource({ uri: 'files+file:///data/notes.txt' });
        assert.equal((file.contents[0] as { text: string }).text, 'file notes.txt');
        await client.close();
      });

      it('gets a mounted prompt', async () => {
        const { client } = await connect(gateway.mcpUrl);
        const prompt = await client.getPrompt({ name: 'files_summarize', arguments: { path: '/a' } });
        assert.deepEqual(prompt.messages, [{ role: 'user', content: { type: 'text', text: 'Summarize /a' } }]);
        await client.close();
      });

      it('forwards the mounted server\'s progress', async () => {
        const { client } = await connect(gateway.mcpUrl);
        const progress: number[] = [];
        const onprogress = (p: { progress: number }) => void progress.push(p.progress);
        const params = { name: 'files_count', arguments: { to: 3 } };
        // The v1 client takes a result schema before the options; the v2 client does not.
        const result = 'getNegotiatedProtocolVersion' in client ? await client.callTool(params, { onprogress }) : await client.callTool(params, undefined, { onprogress });
        assert.equal(textOf(result), 'counted to 3');
        assert.equal(progress.at(-1), 3);
        await client.close();
      });
    });
  }

  it('hides the items of a mount from callers without its role', async () => {
    const { client } = await connectLegacy(gateway.mcpUrl, { 'x-roles': 'support' });
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    assert.ok(!names.some((name) => name.startsWith('crm_')));
    assert.ok(names.includes('files_read_file'));
    await assert.rejects(client.callTool({ name: 'crm_find_customer', arguments: { id: '7' } }), /Tool crm_find_customer not found|-32602/);
    await client.close();
  });

  it('runs the app\'s global guards on mounted calls', async () => {
    const { client } = await connectLegacy(gateway.mcpUrl, { 'x-blocked': '1' });
    const refused = await client.callTool({ name: 'files_read_file', arguments: { path: 'p' } });
    assert.equal(refused.isError, true);
    assert.ok(guarded.includes('Mount_files.forward'));
    await client.close();
  });

  it('passes the mounted server\'s elicitation to the client and the answer back (2025-11-25)', async () => {
    const asked: string[] = [];
    const { client } = await connectLegacy(gateway.mcpUrl, {}, { elicitation: {} }, (c) => {
      c.setRequestHandler(ElicitRequestSchema, async (request) => {
        asked.push(request.params.message);
        return { action: 'accept', content: { sure: true } };
      });
    });
    assert.equal(textOf(await client.callTool({ name: 'files_confirm_delete', arguments: { path: '/tmp/x' } })), 'deleted /tmp/x');
    assert.deepEqual(asked, ['Delete /tmp/x?']);
    await client.close();
  });

  it('passes the mounted server\'s elicitation as an input_required round (2026-07-28)', async () => {
    const { client } = await connectModern(gateway.mcpUrl, {}, { elicitation: {} }, (c) => {
      c.setRequestHandler('elicitation/create', async () => ({ action: 'decline' as const }));
    });
    assert.equal(textOf(await client.callTool({ name: 'files_confirm_delete', arguments: { path: '/tmp/y' } })), 'kept /tmp/y');
    await client.close();
  });

  it('forwards the mounted server\'s log messages', async () => {
    const logs: string[] = [];
    const { client } = await connectLegacy(gateway.mcpUrl, {}, {}, (c) => {
      c.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void logs.push(String(notification.params.data)));
    });
    await client.setLoggingLevel('info');
    await client.callTool({ name: 'files_count', arguments: { to: 2 } });
    assert.ok(logs.some((line) => line.includes('step 2')), `logs: ${JSON.stringify(logs)}`);
    await client.close();
  });

  it('passes the mounted server\'s resource updates to the clients subscribed here', async () => {
    const updated: string[] = [];
    const { client } = await connectLegacy(gateway.mcpUrl, SALES, {}, (c) => {
      c.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => void updated.push(notification.params.uri));
    });
    await client.subscribeResource({ uri: 'crm+crm://pipeline' });
    await client.callTool({ name: 'crm_close_deal', arguments: {} });
    await until(() => updated.length > 0, 'the resource update');
    assert.deepEqual(updated, ['crm+crm://pipeline']);
    await client.close();
  });

  it('cancels the mounted server\'s call when the client cancels its own', async () => {
    const { client } = await connectLegacy(gateway.mcpUrl);
    const before = Number(textOf(await client.callTool({ name: 'files_cancelled_calls', arguments: {} })));
    const abort = new AbortController();
    const call = client.callTool({ name: 'files_wait_for_cancel', arguments: {} }, undefined, { signal: abort.signal });
    await sleep(200);
    abort.abort();
    await assert.rejects(call);
    await until(async () => Number(textOf(await client.callTool({ name: 'files_cancelled_calls', arguments: {} }))) === before + 1, 'the cancellation on the child');
    await client.close();
  });

  it('audits mounted calls under the prefixed tool name', async () => {
    const { client } = await connectLegacy(gateway.mcpUrl, SALES);
    await client.callTool({ name: 'crm_find_customer', arguments: { id: '9' } });
    const row = audit.find((event) => event.tool === 'crm_find_customer' && (event.arguments as { id?: string }).id === '9');
    assert.equal(row?.outcome, 'ok');
    await client.close();
  });

  it('opens a new session with a remote server that has ended the old one', async () => {
    const { client } = await connectLegacy(gateway.mcpUrl, SALES);
    const sessions = remote.app.get(McpSessionManager);
    for (const session of [...sessions.all()]) await sessions.close(session.id, 'ended by the test');
    const refused = await client.callTool({ name: 'crm_find_customer', arguments: { id: '2' } });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /Mounted server "crm"/);
    await until(async () => !(await client.callTool({ name: 'crm_find_customer', arguments: { id: '2' } })).isError, 'the new remote session');
    await client.close();
  });

  it('answers with an error naming the mount when its child dies, and restarts the child', async () => {
    const { client } = await connectLegacy(gateway.mcpUrl);
    const before = textOf(await client.callTool({ name: 'files_read_file', arguments: { path: 'p' } }));
    const crashed = await client.callTool({ name: 'files_crash', arguments: {} });
    assert.equal(crashed.isError, true);
    assert.match(textOf(crashed), /Mounted server "files"/);
    // The registry keeps the items while the child is down: a call gets an error naming the mount.
    assert.ok(gateway.app.get(McpRegistry).tools.get('files_read_file'));
    let after = '';
    await until(async () => {
      const result = await client.callTool({ name: 'files_read_file', arguments: { path: 'p' } });
      if (result.isError) assert.match(textOf(result), /Mounted server "files"/);
      else after = textOf(result);
      return !result.isError;
    }, 'the restarted child');
    assert.notEqual(after, before, 'a new child process (another pid) answers');
    // The other mount never noticed.
    const { client: sales } = await connectLegacy(gateway.mcpUrl, SALES);
    assert.equal(textOf(await sales.callTool({ name: 'crm_find_customer', arguments: { id: '1' } })), 'customer 1: ACME');
    await sales.close();
    await client.close();
  });
});
