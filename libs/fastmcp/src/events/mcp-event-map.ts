import type { ClientCapabilities, Implementation } from '@modelcontextprotocol/server';
import type { McpTransportKind } from '../common/mcp-transport-kind.js';
import type { McpLogLevel } from '../interfaces/mcp-context.interface.js';

/** @publicApi */
export type McpCallOutcome = 'ok' | 'error' | 'cancelled' | 'denied';

/**
 * Who and what is on the other end; present on every event about a call.
 *
 * @publicApi
 */
export interface McpCallerInfo {
  /** Legacy-era session id; `undefined` for 2026-07-28 requests and stateless serving. */
  sessionId: string | undefined;
  era: 'legacy' | 'modern';
  transport: McpTransportKind;
  /** The authenticated principal (`req.user`), if any. */
  user: unknown;
  clientInfo: Implementation | undefined;
  protocolVersion: string | undefined;
}

/** @publicApi */
export interface McpEventMap {
  'session.opened': {
    sessionId: string;
    transport: McpTransportKind;
    protocolVersion: string | undefined;
    clientInfo: Implementation | undefined;
    clientCapabilities: ClientCapabilities | undefined;
    user: unknown;
  };
  'session.closed': { sessionId: string; reason: string };
  /** The client of a legacy session asked for log messages at `level` and above (`logging/setLevel`). */
  'session.logLevel': { sessionId: string; level: McpLogLevel };
  /** The client of a legacy session subscribed to a resource (`resources/subscribe`). */
  'session.subscribed': { sessionId: string; uri: string };
  /** The client of a legacy session unsubscribed from a resource (`resources/unsubscribe`). */
  'session.unsubscribed': { sessionId: string; uri: string };
  'tool.called': McpCallerInfo & {
    requestId: string | number;
    tool: string;
    arguments: unknown;
    outcome: McpCallOutcome;
    /** The message the client saw, for outcomes other than `ok`. */
    error?: string;
    /**
     * Why the call was refused, for outcome `denied`: the access policy hid the tool (the client
     * was told it does not exist), a scope was missing, a guard refused.
     */
    reason?: string;
    durationMs: number;
  };
  /**
   * A request other than `tools/call` refused: a resource read, prompt, completion,
   * subscription or task of an item the caller may not use (answered as if it did not exist),
   * or refused by a guard or for a missing scope.
   */
  'access.denied': McpCallerInfo & {
    requestId: string | number;
    /** The MCP method, e.g. `resources/read`. */
    method: string;
    /** The tool, prompt or resource template name, or the resource URI, as registered. */
    target: string;
    arguments: unknown;
    /** Why it was refused. */
    reason: string;
    /** The message the client saw. */
    error: string;
  };
  'log.emitted': McpCallerInfo & { level: McpLogLevel; logger: string; message: string; data: unknown };
  'roots.changed': { sessionId: string | undefined };
  /**
   * A long-lived stream to a client opened or ended: a 2025-era session's standalone `GET`
   * stream (`standalone`), or a legacy HTTP+SSE connection (`sse`).
   */
  'stream.opened': { sessionId: string | undefined; kind: McpStreamKind };
  'stream.closed': { sessionId: string | undefined; kind: McpStreamKind };
  /** A notification left a server for its client (progress, log message, list_changed, resource update, …). */
  'notification.sent': { sessionId: string | undefined; method: string };
}

/** @publicApi */
export type McpStreamKind = 'standalone' | 'sse';

/** @publicApi */
export type McpEventName = keyof McpEventMap;
