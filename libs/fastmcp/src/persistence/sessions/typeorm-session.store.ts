import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@modelcontextprotocol/server';
import type { McpSessionStore, McpStoredSession } from '../../sessions/mcp-session-store.js';
import { McpDatabase } from '../database/mcp-database.js';
import { McpSessionEntity } from '../entities/mcp-session.entity.js';
import { MCP_PERSISTENCE_OPTIONS, type ResolvedPersistenceOptions } from '../mcp-persistence.module-definition.js';
import { McpEventRecorder } from '../recording/mcp-event.recorder.js';
import { TypeOrmEventStore } from './typeorm-event.store.js';

/** Lets the core resume, after a restart, a legacy session still open and not idle too long in the database. */
@Injectable()
export class TypeOrmSessionStore implements McpSessionStore {
  constructor(
    private readonly database: McpDatabase,
    private readonly recorder: McpEventRecorder,
    @Inject(MCP_PERSISTENCE_OPTIONS) private readonly options: ResolvedPersistenceOptions,
  ) {}

  async load(sessionId: string): Promise<McpStoredSession | undefined> {
    const session = await this.database.dataSource.getRepository(McpSessionEntity).findOneBy({ id: sessionId });
    if (!session || session.closedAt || !session.protocolVersion || !session.clientInfo) return undefined;
    if (session.lastSeenAt.getTime() < Date.now() - this.options.sessionTtlMs) return undefined;
    this.recorder.resumed(sessionId, session.logLevel);
    return {
      protocolVersion: session.protocolVersion,
      clientInfo: session.clientInfo,
      clientCapabilities: session.clientCapabilities ?? {},
      logLevel: session.logLevel ?? undefined,
      principalId: session.principalId ?? undefined,
    };
  }

  seen(sessionId: string): void {
    this.recorder.touch(sessionId);
  }

  eventStore(sessionId: string): EventStore | undefined {
    return this.options.eventStore ? new TypeOrmEventStore(this.database.dataSource, sessionId) : undefined;
  }
}
