import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { McpCallsOnly } from '../../decorators/mcp-calls-only.decorator.js';
import { McpUserError } from '../../errors/mcp-user-error.js';
import { McpExecutionContext } from '../../execution/mcp-execution-context.js';
import { MCP_PERSISTENCE_OPTIONS, type ResolvedPersistenceOptions } from '../mcp-persistence.module-definition.js';
import { McpRecordWriter } from '../writer/mcp-record.writer.js';

/**
 * With `whenDatabaseDown: 'refuse'`: refuses tool calls while audit rows cannot be written
 * (the last write failed, or the queue is full), so no call runs unaudited. Registered as a
 * global guard; it lets every other kind of request through.
 */
@Injectable()
@McpCallsOnly()
export class McpAuditAvailabilityGuard implements CanActivate {
  constructor(
    private readonly writer: McpRecordWriter,
    @Inject(MCP_PERSISTENCE_OPTIONS) private readonly options: ResolvedPersistenceOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (!McpExecutionContext.isMcp(context) || this.options.whenDatabaseDown !== 'refuse') return true;
    if (McpExecutionContext.create(context).getMethod() !== 'tools/call') return true;
    const stats = this.writer.stats();
    if (stats.healthy && stats.queued < this.options.writer.maxQueueSize) return true;
    throw new McpUserError('Tool calls are paused: the audit log cannot be written right now. Try again shortly.');
  }
}
