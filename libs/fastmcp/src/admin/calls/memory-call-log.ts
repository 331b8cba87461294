import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { principalId } from '../../common/principal.js';
import { McpEvents } from '../../events/mcp-events.js';
import { MCP_ADMIN_OPTIONS, type ResolvedMcpAdminOptions } from '../mcp-admin.module-definition.js';
import { clientLabel, type AdminCallLog, type AdminToolCall } from './admin-tool-call.js';
import { RingBuffer } from './ring-buffer.js';

/**
 * The last `recentCalls` tool calls of this process, from the `tool.called` event. Used only
 * without persistence: listening makes every call build its event payload (`McpEvents.has`), a
 * cost the audit recorder pays anyway when persistence is on.
 */
@Injectable()
export class MemoryCallLog implements AdminCallLog, OnModuleInit, OnModuleDestroy {
  readonly source = 'memory';
  private readonly calls: RingBuffer<AdminToolCall>;
  private unsubscribe?: () => void;

  constructor(
    @Inject(MCP_ADMIN_OPTIONS) options: ResolvedMcpAdminOptions,
    private readonly events: McpEvents,
  ) {
    this.calls = new RingBuffer(options.recentCalls);
  }

  onModuleInit(): void {
    this.unsubscribe = this.events.on('tool.called', (call) =>
      this.calls.push({
        at: new Date().toISOString(),
        tool: call.tool,
        outcome: call.outcome,
        durationMs: call.durationMs,
        sessionId: call.sessionId ?? null,
        principal: principalId(call.user) ?? null,
        client: clientLabel(call.clientInfo),
        era: call.era,
        error: call.error ?? null,
      }),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  recent(limit: number): Promise<AdminToolCall[]> {
    return Promise.resolve(this.calls.newest(limit));
  }
}
