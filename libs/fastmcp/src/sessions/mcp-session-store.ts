import type { ClientCapabilities, EventStore, Implementation } from '@modelcontextprotocol/server';
import type { McpLogLevel } from '../interfaces/mcp-context.interface.js';

/**
 * What a session store remembers of a legacy session: enough to rebuild it after a restart.
 *
 * @publicApi
 */
export interface McpStoredSession {
  /** The revision negotiated at `initialize`. */
  protocolVersion: string;
  clientInfo: Implementation;
  clientCapabilities: ClientCapabilities;
  /** The level the client asked for with `logging/setLevel`, if it did. */
  logLevel?: McpLogLevel;
  /** `principalId()` of the principal that opened the session; `undefined` when anonymous. */
  principalId?: string;
  /** URIs the client subscribed to with `resources/subscribe`, when the store keeps them. */
  subscriptions?: string[];
}

/**
 * Where legacy Streamable HTTP sessions outlive the process (the persistence module provides
 * one). Without a store, an id this process does not hold answers 404, as the spec allows.
 *
 * @publicApi
 */
export interface McpSessionStore {
  /** A session to resume, or `undefined` when the id is unknown, closed or expired. */
  load(sessionId: string): Promise<McpStoredSession | undefined>;
  /** Called on every request of a live session, so the store can keep its idle clock. */
  seen?(sessionId: string): void;
  /**
   * The client ended the session (HTTP DELETE). The DELETE is answered once this resolves, so a
   * store shared by several processes marks the session closed here, before any of them could
   * resume it (spec 2025-11-25 basic/transports "Session Management": later requests get 404).
   */
  closed?(sessionId: string): Promise<void>;
  /** Makes the session's SSE streams resumable (`Last-Event-ID`), across restarts too. */
  eventStore?(sessionId: string): EventStore | undefined;
}

/**
 * Injection token of the optional `McpSessionStore`; provide it from a global module.
 *
 * @publicApi
 */
export const MCP_SESSION_STORE = Symbol.for('nestjs-fastmcp:session-store');

/**
 * Injection token of a session store every instance of the server shares (the Redis module
 * provides one). When present it is used instead of `MCP_SESSION_STORE`, which then only keeps
 * the durable record (the persistence module's audit of sessions).
 *
 * @publicApi
 */
export const MCP_SHARED_SESSION_STORE = Symbol.for('nestjs-fastmcp:shared-session-store');

