import { Injectable } from '@nestjs/common';
import { McpTool, principalId, type McpContext } from 'nestjs-fastmcp';
import { McpSessionsService } from 'nestjs-fastmcp/persistence';
import { z } from 'zod';

/** Shows the persistence module's query service: what this client did, from the audit table. */
@Injectable()
export class ActivityMcp {
  constructor(private readonly sessions: McpSessionsService) {}

  @McpTool({
    name: 'recent_activity',
    description: 'The last tool calls of this session (or, without a session, of this principal)',
    input: z.object({ limit: z.number().int().min(1).max(50).default(10) }),
    annotations: { readOnlyHint: true },
  })
  async recent({ limit }: { limit: number }, ctx: McpContext) {
    const calls = await this.sessions.toolCalls(
      ctx.sessionId ? { sessionId: ctx.sessionId } : { sessionId: null, principalId: principalId(ctx.user) },
    );
    return calls.slice(-limit).map(({ tool, outcome, durationMs, createdAt }) => ({ tool, outcome, durationMs, at: createdAt.toISOString() }));
  }
}
