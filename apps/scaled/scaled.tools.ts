import { Injectable, Logger } from '@nestjs/common';
import { McpCtx, McpNotifier, McpRegistry, McpResource, McpTool, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';

/** Which instance answered: lets a client (and the tests) see the load balancer at work. */
export const INSTANCE = process.env.INSTANCE_NAME ?? `pid-${process.pid}`;

@Injectable()
export class ScaledTools {
  private readonly notes = new Map<string, string>();

  constructor(
    private readonly notifier: McpNotifier,
    private readonly registry: McpRegistry,
  ) {}

  @McpTool({ name: 'whoami', description: 'The instance that served this call' })
  whoami() {
    return { instance: INSTANCE };
  }

  @McpTool({ name: 'count', description: 'Counts to n, reporting progress and logging each step', input: z.object({ n: z.number().int().min(1).max(100) }) })
  async count({ n }: { n: number }, @McpCtx() ctx: McpContext) {
    for (let i = 1; i <= n; i++) {
      ctx.log.info(`step ${i} of ${n} on ${INSTANCE}`);
      await ctx.reportProgress(i, n);
    }
    return { counted: n, instance: INSTANCE };
  }

  @McpTool({ name: 'wait', description: 'Answers after ms milliseconds', input: z.object({ ms: z.number().int().min(0).max(60_000) }) })
  async wait({ ms }: { ms: number }) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { waited: ms, instance: INSTANCE };
  }

  @McpTool({ name: 'report', description: 'A long report, best run as a task; stops when cancelled', task: 'optional', input: z.object({ ms: z.number().int().min(0).max(600_000) }) })
  async report({ ms }: { ms: number }, @McpCtx() ctx: McpContext) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      ctx.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
    if (ctx.signal.aborted) new Logger('ScaledTools').log(`Report ${ctx.taskId ?? ''} stopped: cancelled`);
    return { cancelled: ctx.signal.aborted, instance: INSTANCE };
  }

  /** An operator's switch: the change reaches every instance and the clients of all. */
  @McpTool({ name: 'set-tool-enabled', description: 'Enables or disables a tool on every instance', input: z.object({ name: z.string(), enabled: z.boolean() }) })
  setToolEnabled({ name, enabled }: { name: string; enabled: boolean }) {
    return { changed: this.registry.setToolEnabled(name, enabled), instance: INSTANCE };
  }

  @McpTool({ name: 'ask-name', description: 'Asks the user for a name (elicitation)' })
  async askName(_args: unknown, @McpCtx() ctx: McpContext) {
    const answer = await ctx.elicit<{ name: string }>('What is your name?', { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] });
    return { action: answer.action, name: answer.action === 'accept' ? answer.content.name : undefined, instance: INSTANCE };
  }

  @McpTool({ name: 'write-note', description: 'Writes a note and tells subscribers of note://latest', input: z.object({ text: z.string().max(1_000) }) })
  writeNote({ text }: { text: string }) {
    this.notes.set('latest', text);
    this.notifier.resourceUpdated('note://latest');
    return { instance: INSTANCE };
  }

  @McpResource({ uri: 'note://latest', name: 'latest-note', mimeType: 'text/plain' })
  latestNote() {
    return this.notes.get('latest') ?? '';
  }
}
