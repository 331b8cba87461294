import { Inject, Injectable } from '@nestjs/common';
import { CLIENT_INFO_META_KEY, PROTOCOL_VERSION_META_KEY, type Implementation, type RequestId, type ServerContext } from '@modelcontextprotocol/server';
import { isModernRevision } from '../common/protocol-revisions.js';
import type { McpCallerInfo } from '../events/mcp-event-map.js';
import { McpEvents } from '../events/mcp-events.js';
import type { McpCallContext } from '../execution/mcp-call-context.js';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import { McpContextFactory } from '../execution/mcp-context.factory.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { McpSessionManager } from '../sessions/mcp-session-manager.js';
import { principalKey } from '../common/principal.js';
import { McpLogRedactor } from '../redaction/log-redactor.js';

/** One JSON-RPC request as it arrived, before dispatch. */
export interface McpRefusedMessage {
  readonly id: RequestId;
  readonly method: string;
  readonly params?: Record<string, unknown>;
}

/**
 * Where every refusal is recorded: a call the access policy hides, a guard's denial, a missing
 * scope. A refused `tools/call` is a `tool.called` event with outcome `denied`; any other
 * method an `access.denied` event; the persistence module turns both into audit rows.
 */
@Injectable()
export class McpAccessAudit {
  constructor(
    private readonly events: McpEvents,
    private readonly redactor: McpLogRedactor,
    private readonly sessions: McpSessionManager,
    private readonly contexts: McpContextFactory,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
  ) {}

  /** A request refused before its handler ran (the access policy hid its item): answered as if the item did not exist. */
  hidden(serverCtx: ServerContext, scope: McpServeScope, target: string, args: unknown, error: string): void {
    if (!this.events.has(serverCtx.mcpReq.method === 'tools/call' ? 'tool.called' : 'access.denied')) return;
    const ctx = this.contexts.create(serverCtx, scope, target);
    this.denied(ctx, target, args, 'not permitted by the access policy (answered as unknown)', error);
    ctx.cancellation.dispose();
  }

  /** A request refused while being served: `ctx` knows its caller. The client saw `error`. */
  denied(ctx: McpCallContext, target: string, args: unknown, reason: string, error: string): void {
    if (ctx.method === 'tools/call') {
      if (this.events.has('tool.called')) this.events.emit('tool.called', ctx.toolCalledEvent(target, this.redactor.redact(args), 'denied', error, 0, reason));
    } else if (this.events.has('access.denied')) {
      this.events.emit('access.denied', ctx.accessDeniedEvent(target, this.redactor.redact(args), reason, error));
    }
  }

  /** A request refused at the HTTP endpoint, before any server saw it (e.g. for a missing scope). */
  deniedOverHttp(req: McpHttpRequest, message: McpRefusedMessage, target: string, reason: string, error: string): void {
    const tool = message.method === 'tools/call';
    if (!this.events.has(tool ? 'tool.called' : 'access.denied')) return;
    const params = message.params ?? {};
    const args = this.redactor.redact(message.method === 'resources/read' ? { uri: params.uri } : (params.arguments ?? {}));
    const caller = this.callerOverHttp(req, params);
    if (tool) {
      this.events.emit('tool.called', { ...caller, requestId: message.id, tool: target, arguments: args, outcome: 'denied', error, reason, durationMs: 0 });
    } else {
      this.events.emit('access.denied', { ...caller, requestId: message.id, method: message.method, target, arguments: args, reason, error });
    }
  }

  /** Who sent a request the servers never saw: its era, and its session when the caller owns one. */
  private callerOverHttp(req: McpHttpRequest, params: Record<string, unknown>): McpCallerInfo {
    const meta = (typeof params._meta === 'object' && params._meta !== null ? params._meta : {}) as Record<string, unknown>;
    const header = req.headers['mcp-protocol-version'];
    const version = (typeof header === 'string' ? header : undefined) ?? (typeof meta[PROTOCOL_VERSION_META_KEY] === 'string' ? (meta[PROTOCOL_VERSION_META_KEY] as string) : undefined);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const transport = this.options.transports.has('sse') && path.endsWith(this.options.sseMessagesPath) ? 'sse' : 'streamable-http';
    if (version !== undefined && isModernRevision(version)) {
      return { sessionId: undefined, era: 'modern', transport, user: req.user, clientInfo: meta[CLIENT_INFO_META_KEY] as Implementation | undefined, protocolVersion: version };
    }
    const id = transport === 'sse' ? new URL(req.url ?? '', 'http://localhost').searchParams.get('sessionId') : req.headers['mcp-session-id'];
    const session = typeof id === 'string' ? this.sessions.peek(id) : undefined;
    // Only a session the caller owns is named: an id the client made up must not reach the audit.
    const owned = session !== undefined && principalKey(session.user) === principalKey(req.user) ? session : undefined;
    return {
      sessionId: owned?.id,
      era: 'legacy',
      transport,
      user: req.user,
      clientInfo: owned?.clientInfo,
      protocolVersion: owned?.protocolVersion ?? version,
    };
  }
}
