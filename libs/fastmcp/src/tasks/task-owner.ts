import type { ServerContext } from '@modelcontextprotocol/server';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import { principalKey } from '../common/principal.js';
import { httpExchangeOf } from '../common/mcp-http-exchange.js';
import type { McpTask, McpTaskOwner } from '../interfaces/mcp-task.interface.js';

/** Who is asking: the authenticated principal, and on legacy sessions the session. */
export function callerOf(ctx: ServerContext, scope: Pick<McpServeScope, 'era'>): McpTaskOwner {
  const principal = principalKey(httpExchangeOf(ctx)?.user);
  return {
    ...(principal !== undefined ? { principal: String(principal) } : {}),
    ...(scope.era === 'legacy' && ctx.sessionId !== undefined ? { sessionId: ctx.sessionId } : {}),
  };
}

/**
 * Whether the caller may see the task. Task ids are unguessable, and a task is bound to the
 * principal that created it (and, on legacy sessions, to its session) so that a leaked id is
 * not enough (SEP-2663 security considerations). Someone else's task looks exactly like an
 * unknown one.
 */
export function mayAccess(task: McpTask, caller: McpTaskOwner, era: 'legacy' | 'modern'): boolean {
  return task.era === era && task.owner.principal === caller.principal && task.owner.sessionId === caller.sessionId;
}
