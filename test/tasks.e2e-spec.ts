import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallToolResultSchema, CreateTaskResultSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { McpModule } from 'nestjs-fastmcp';
import { isCancellation, seen, TaskTools } from './fixtures/tasks.fixture.js';
import { connectLegacy, connectModern, textOf } from './support/clients.js';
import { JsonRpcError, ModernTasksClient } from './support/tasks-client.js';
import { startApp, type RunningApp } from './support/test-app.js';

const RELATED_TASK = 'io.modelcontextprotocol/related-task';
const until = async (check: () => boolean, ms = 2_000) => {
  for (const started = Date.now(); !check(); await sleep(20)) if (Date.now() - started > ms) throw new Error('timed out waiting');
};
const rejectsWith = (code: number, message?: RegExp) => (error: unknown) => {
  const { code: actual, message: text } = error as { code?: number; message: string };
  assert.equal(actual, code, text);
  if (message) assert.match(text, message);
  return true;
};

describe('tasks', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({
      imports: [McpModule.forRoot({ name: 'tasks', version: '1.0.0', tasks: { pollIntervalMs: 20 } })],
      providers: [TaskTools],
    });
  });

  after(() => running.close());

  describe('legacy (v1 client, 2025-11-25 session)', () => {
    type LegacyClient = Awaited<ReturnType<typeof connectLegacy>>['client'];
    const startTask = async (client: LegacyClient, name: string, args: Record<string, unknown> = {}) => {
      const created = await client.request({ method: 'tools/call', params: { name, arguments: args } }, CreateTaskResultSchema, { task: { ttl: 60_000 } });
      return created.task;
    };
    const settled = async (client: LegacyClient, taskId: string) => {
      for (;;) {
        const task = await client.experimental.tasks.getTask(taskId);
        if (['completed', 'failed', 'cancelled'].includes(task.status)) return task;
        await sleep(20);
      }
    };

    it('declares tasks and the task support of each tool', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      assert.deepEqual(client.getServerCapabilities()?.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
      const { tools } = await client.listTools();
      const support = Object.fromEntries(tools.map((tool) => [tool.name, tool.execution?.taskSupport]));
      assert.deepEqual(support, { report: 'optional', watch: 'required', crash: 'optional', refuse: 'optional', greet_later: 'optional', deploy: 'optional', plain: undefined });
      await client.close();
    });

    it('runs a task to completion: created, polled, then its result', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      await client.listTools();
      const messages = [];
      for await (const message of client.experimental.tasks.callToolStream({ name: 'report', arguments: { ms: 30 } })) messages.push(message);
      assert.equal(messages[0]?.type, 'taskCreated');
      const last = messages.at(-1)!;
      assert.equal(last.type, 'result', JSON.stringify(last));
      assert.equal(textOf(last.type === 'result' ? last.result : {}), 'report ready after 30 ms (as a task)');
      const taskId = messages[0]!.type === 'taskCreated' ? messages[0]!.task.taskId : '';
      assert.equal((await client.experimental.tasks.getTask(taskId)).status, 'completed');
      const payload = await client.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
      assert.deepEqual(payload._meta?.[RELATED_TASK], { taskId });
      await client.close();
    });

    it('cancels a running task: its handler sees the abort, and it stays cancelled', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      const task = await startTask(client, 'watch');
      assert.equal(task.status, 'working');
      await until(() => seen.has(task.taskId));
      const cancelled = await client.experimental.tasks.cancelTask(task.taskId);
      assert.equal(cancelled.status, 'cancelled');
      await until(() => seen.get(task.taskId)!.aborted);
      assert.ok(isCancellation(seen.get(task.taskId)!.reason));
      assert.equal((await client.experimental.tasks.getTask(task.taskId)).status, 'cancelled');
      await assert.rejects(client.experimental.tasks.cancelTask(task.taskId), rejectsWith(-32602, /already cancelled/));
      await assert.rejects(client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema), rejectsWith(-32600, /cancelled/));
      await client.close();
    });

    it('fails a task with the JSON-RPC error its tool threw, and on a tool error', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      const crashed = await startTask(client, 'crash');
      assert.equal((await settled(client, crashed.taskId)).status, 'failed');
      await assert.rejects(client.experimental.tasks.getTaskResult(crashed.taskId, CallToolResultSchema), rejectsWith(-32603, /the backend is down/));
      // spec 2025-11-25 counts a result with isError as failed; tasks/result still answers the result.
      const refused = await startTask(client, 'refuse');
      assert.equal((await settled(client, refused.taskId)).status, 'failed');
      const result = await client.experimental.tasks.getTaskResult(refused.taskId, CallToolResultSchema);
      assert.equal(result.isError, true);
      assert.equal(textOf(result), 'nothing to report');
      await client.close();
    });

    it('answers -32602 for unknown task ids, and for tasks of another session', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      const tasks = client.experimental.tasks;
      await assert.rejects(tasks.getTask('no-such-task'), rejectsWith(-32602));
      await assert.rejects(tasks.getTaskResult('no-such-task', CallToolResultSchema), rejectsWith(-32602));
      await assert.rejects(tasks.cancelTask('no-such-task'), rejectsWith(-32602));
      const mine = await startTask(client, 'report', { ms: 0 });
      const { client: other } = await connectLegacy(running.mcpUrl);
      await assert.rejects(other.experimental.tasks.getTask(mine.taskId), rejectsWith(-32602));
      await Promise.all([client.close(), other.close()]);
    });

    it('holds calls to their tool-level task support (-32601), and runs optional tools plainly', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      await assert.rejects(client.request({ method: 'tools/call', params: { name: 'watch', arguments: {} } }, CallToolResultSchema), rejectsWith(-32601));
      await assert.rejects(startTask(client, 'plain'), rejectsWith(-32601));
      assert.equal(textOf(await client.callTool({ name: 'report', arguments: { ms: 0 } })), 'report ready after 0 ms');
      await client.close();
    });

    it("lists the session's tasks, and only them", async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      const first = await startTask(client, 'report', { ms: 0 });
      const second = await startTask(client, 'report', { ms: 0 });
      const { tasks } = await client.experimental.tasks.listTasks();
      assert.deepEqual(tasks.map((task) => task.taskId), [first.taskId, second.taskId]);
      const { client: other } = await connectLegacy(running.mcpUrl);
      assert.deepEqual((await other.experimental.tasks.listTasks()).tasks, []);
      await Promise.all([client.close(), other.close()]);
    });

    it('asks the client during a task, tagged with the task, and finishes with the answer', async () => {
      const related: unknown[] = [];
      const { client } = await connectLegacy(running.mcpUrl, {}, { elicitation: {} }, (c) =>
        c.setRequestHandler(ElicitRequestSchema, (request) => {
          related.push(request.params._meta?.[RELATED_TASK]);
          return { action: 'accept', content: { name: 'Ada' } };
        }),
      );
      await client.listTools();
      const messages = [];
      for await (const message of client.experimental.tasks.callToolStream({ name: 'greet_later', arguments: {} })) messages.push(message);
      const last = messages.at(-1)!;
      assert.equal(textOf(last.type === 'result' ? last.result : {}), 'hello Ada', JSON.stringify(last));
      const taskId = messages[0]!.type === 'taskCreated' ? messages[0]!.task.taskId : '';
      assert.deepEqual(related, [{ taskId }]);
      await client.close();
    });
  });

  describe('modern (2026-07-28, io.modelcontextprotocol/tasks)', () => {
    let client: ModernTasksClient;

    before(async () => {
      client = await ModernTasksClient.connect(running.mcpUrl, { capabilities: { elicitation: {} } });
    });

    after(() => client.close());

    it('advertises the extension, not a capabilities.tasks slot', async () => {
      const { client: v2 } = await connectModern(running.mcpUrl);
      const capabilities = v2.getServerCapabilities();
      assert.deepEqual(capabilities?.extensions?.['io.modelcontextprotocol/tasks'], {});
      assert.equal('tasks' in (capabilities ?? {}), false);
      await v2.close();
    });

    it('runs a task to completion: a flat handle, then the result inlined in tasks/get', async () => {
      const created = await client.callTool('report', { ms: 30 });
      assert.equal(created.resultType, 'task');
      assert.equal(created.status, 'working');
      assert.ok(Number.isInteger(created.ttlMs) && Number.isInteger(created.pollIntervalMs));
      assert.equal('task' in created || 'ttl' in created || 'result' in created, false);
      const done = await client.waitFor(created.taskId, 'completed', 'failed');
      assert.equal(done.resultType, 'complete');
      assert.equal(done.status, 'completed');
      assert.equal(textOf(done.result), 'report ready after 30 ms (as a task)');
    });

    it('cancels a running task: the ack is empty, its handler sees the abort', async () => {
      const created = await client.callTool('watch');
      await until(() => seen.has(created.taskId));
      const ack = await client.cancelTask(created.taskId);
      assert.equal(ack.resultType, 'complete');
      assert.equal('status' in ack, false);
      assert.equal((await client.waitFor(created.taskId, 'cancelled', 'completed', 'failed')).status, 'cancelled');
      await until(() => seen.get(created.taskId)!.aborted);
      assert.ok(isCancellation(seen.get(created.taskId)!.reason));
      assert.equal((await client.cancelTask(created.taskId)).resultType, 'complete', 'cancelling again is acknowledged');
    });

    it('fails a task with the JSON-RPC error its tool threw; a tool error completes with isError', async () => {
      const crashed = await client.waitFor((await client.callTool('crash')).taskId, 'completed', 'failed');
      assert.equal(crashed.status, 'failed');
      assert.deepEqual(crashed.error, { code: -32603, message: 'the backend is down' });
      assert.equal('result' in crashed, false);
      const refused = await client.waitFor((await client.callTool('refuse')).taskId, 'completed', 'failed');
      assert.equal(refused.status, 'completed');
      assert.equal(refused.result.isError, true);
      assert.equal(textOf(refused.result), 'nothing to report');
    });

    it('answers -32602 for unknown task ids', async () => {
      await assert.rejects(client.getTask('no-such-task'), rejectsWith(-32602));
      await assert.rejects(client.updateTask('no-such-task', {}), rejectsWith(-32602));
      await assert.rejects(client.cancelTask('no-such-task'), rejectsWith(-32602));
    });

    it('has no tasks/result nor tasks/list (-32601)', async () => {
      await assert.rejects(client.request('tasks/result', { taskId: 'x' }), rejectsWith(-32601));
      await assert.rejects(client.request('tasks/list'), rejectsWith(-32601));
    });

    it('parks a task on input_required, and tasks/update resumes it', async () => {
      const created = await client.callTool('greet_later');
      const waiting = await client.waitFor(created.taskId, 'input_required');
      assert.equal(waiting.inputRequests.name.method, 'elicitation/create');
      assert.equal((await client.updateTask(created.taskId, { name: { action: 'accept', content: { name: 'Ada' } } })).resultType, 'complete');
      const done = await client.waitFor(created.taskId, 'completed', 'failed');
      assert.equal(textOf(done.result), 'hello Ada');
    });

    it('asks within the call, then continues as a task (start: handler)', async () => {
      const first = await client.callTool('deploy');
      assert.equal(first.resultType, 'input_required');
      assert.equal('taskId' in first, false);
      const second = await client.callTool('deploy', {}, { inputResponses: { confirm: { action: 'accept', content: { confirm: true } } }, requestState: first.requestState });
      assert.equal(second.resultType, 'task');
      assert.equal('requestState' in second, false);
      const done = await client.waitFor(second.taskId, 'completed', 'failed');
      assert.equal(textOf(done.result), `deployed in task ${second.taskId}`);
    });

    describe('for a client without the extension', () => {
      let plain: ModernTasksClient;

      before(async () => {
        plain = await ModernTasksClient.connect(running.mcpUrl, { tasks: false });
      });

      after(() => plain.close());

      it('runs task-optional tools as plain calls', async () => {
        const result = await plain.callTool('report', { ms: 0 });
        assert.equal(result.resultType, 'complete');
        assert.equal(textOf(result), 'report ready after 0 ms');
      });

      it('refuses task-required tools and the task methods with -32021, naming the extension', async () => {
        const required = { requiredCapabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } } };
        await assert.rejects(plain.callTool('watch'), (error) => rejectsWith(-32021)(error) && assert.deepEqual((error as JsonRpcError).data, required) === undefined);
        await assert.rejects(plain.getTask('any'), rejectsWith(-32021));
        await assert.rejects(plain.updateTask('any', {}), rejectsWith(-32021));
        await assert.rejects(plain.cancelTask('any'), rejectsWith(-32021));
      });
    });
  });
});
