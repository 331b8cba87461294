import { Injectable } from '@nestjs/common';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { McpTool, McpUserError, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';
import { oneField, sleep } from './fixtures.js';
import { answered } from './answers.js';

/**
 * The fixtures the tasks extension scenarios (SEP-2663) require in `tools/list`. `greet` is
 * sync-only; the others run as tasks when the client supports them (`failing_job` and
 * `test_tool_with_task` require it).
 */
@Injectable()
export class TaskFixtureToolsService {
  @McpTool({ name: 'greet', description: 'Sync-only greeting', input: z.object({ name: z.string().default('world') }) })
  greet({ name }: { name: string }) {
    return `Hello, ${name}!`;
  }

  @McpTool({
    name: 'slow_compute',
    task: 'optional',
    description: 'Sleeps for `seconds`, then answers; settles as cancelled when cancelled',
    input: z.object({ seconds: z.number().min(0).default(1), label: z.string().optional() }),
  })
  async slowCompute({ seconds, label }: { seconds: number; label?: string }, ctx: McpContext) {
    await sleep(seconds * 1000, ctx.signal);
    return `Computed ${label ?? 'result'} after ${seconds}s`;
  }

  @McpTool({ name: 'failing_job', description: 'Reports a tool execution error after about a second', task: 'required' })
  async failingJob(_args: unknown, ctx: McpContext) {
    await sleep(1000, ctx.signal);
    throw new McpUserError('failing_job failed on purpose');
  }

  @McpTool({ name: 'protocol_error_job', description: 'Fails with a protocol-level error', task: 'optional' })
  protocolErrorJob(): never {
    throw new ProtocolError(ProtocolErrorCode.InternalError, 'protocol_error_job crashed on purpose');
  }

  @McpTool({ name: 'confirm_delete', description: 'Asks the user to confirm, then completes', task: 'optional' })
  async confirmDelete(_args: unknown, ctx: McpContext) {
    const result = await ctx.elicit('Delete the item?', oneField('confirm', 'boolean'), { key: 'confirm' });
    return result.action === 'accept' && answered(result)?.confirm ? 'Deleted' : 'Kept';
  }

  @McpTool({ name: 'multi_input', description: 'Asks two questions at once', task: 'optional' })
  async multiInput(_args: unknown, ctx: McpContext) {
    const [first, second] = await Promise.all([
      ctx.elicit('First question?', oneField('answer', 'string'), { key: 'first' }),
      ctx.elicit('Second question?', oneField('answer', 'string'), { key: 'second' }),
    ]);
    return `${String(answered(first)?.answer)} / ${String(answered(second)?.answer)}`;
  }

  /** Asks within the call (multi-round-trip), then continues as a task (SEP-2663 "Task Creation"). */
  @McpTool({ name: 'test_tool_with_task', description: 'Asks for a name, then finishes as a task', task: { support: 'required', start: 'handler' } })
  async toolWithTask(_args: unknown, ctx: McpContext) {
    const result = await ctx.elicit('What is your name?', oneField('name', 'string'), { key: 'user_name' });
    await ctx.startTask();
    return `Task finished for ${String(answered(result)?.name)}`;
  }
}
