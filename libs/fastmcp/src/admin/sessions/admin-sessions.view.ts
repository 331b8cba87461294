import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { principalId } from '../../common/principal.js';
import { McpEvents } from '../../events/mcp-events.js';
import { McpSessionManager } from '../../sessions/mcp-session-manager.js';
import { clientLabel } from '../calls/admin-tool-call.js';

/** One live session as the admin page shows it. */
export interface AdminSession {
  id: string;
  /** Sessions exist in the 2025 era only: 2026-07-28 requests are stateless. */
  era: 'legacy';
  transport: string;
  protocolVersion: string | null;
  client: string | null;
  principal: string | null;
  /** When the client finished its handshake in this process; null for a session resumed from the store. */
  openedAt: string | null;
  lastSeenAt: string;
}

/** The session manager's live sessions, with the time each opened (which the manager does not keep). */
@Injectable()
export class AdminSessionsView implements OnModuleInit, OnModuleDestroy {
  private readonly openedAt = new Map<string, number>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly sessions: McpSessionManager,
    private readonly events: McpEvents,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('session.opened', ({ sessionId }) => this.openedAt.set(sessionId, Date.now())),
      this.events.on('session.closed', ({ sessionId }) => this.openedAt.delete(sessionId)),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
  }

  /** Most recently seen first. */
  list(): AdminSession[] {
    return [...this.sessions.all()]
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt)
      .map((session) => {
        const opened = this.openedAt.get(session.id);
        return {
          id: session.id,
          era: 'legacy',
          transport: session.kind,
          protocolVersion: session.protocolVersion ?? null,
          client: clientLabel(session.clientInfo),
          principal: principalId(session.user) ?? null,
          openedAt: opened === undefined ? null : new Date(opened).toISOString(),
          lastSeenAt: new Date(session.lastSeenAt).toISOString(),
        };
      });
  }
}
