import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { LOG_LEVEL_META_KEY, type JSONRPCMessage, type LoggingLevel } from '@modelcontextprotocol/server';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { McpRestDispatcher, type McpRestAnswer } from './mcp-rest.dispatcher.js';
import { problemOfFailure, problemOfRpcError, type MappedProblem } from './problem/answer.problem.js';
import { problem, sendJson, sendProblem } from './problem/problem-details.js';
import { McpRestSessions } from './sessions/mcp-rest-sessions.js';
import type { RestSession } from './sessions/rest-session.js';
import { SseStream } from './sessions/sse-stream.js';

/** The capabilities the REST face offers (those of every MCP server of this library). */
const CAPABILITIES = { tools: {}, resources: {}, prompts: {}, completions: {}, logging: {} };
const LOG_LEVELS: readonly LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/** How a call names its session (an `EventSource` cannot set headers: the events route takes the query). */
export interface RestCallOptions {
  sessionId?: string;
  /** Progress of the call goes to the session's event streams. */
  progress?: boolean;
}

/** A JSON object, as a tool's arguments or a request body must be. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What each REST route does: the MCP request it stands for, and how the answer becomes an HTTP
 * response (JSON, a resource's own bytes, or an RFC 9457 problem).
 */
@Injectable()
export class McpRestService {
  private readonly logger = new Logger('McpRest');

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly dispatcher: McpRestDispatcher,
    private readonly sessions: McpRestSessions,
  ) {}

  server(res: ServerResponse): void {
    const { name, version, title, description, websiteUrl, instructions } = this.options;
    sendJson(res, 200, dropUndefined({ name, version, title, description, websiteUrl, instructions, protocolVersion: '2026-07-28', capabilities: CAPABILITIES }));
  }

  async list(req: McpHttpRequest, res: ServerResponse, method: 'tools/list' | 'resources/list' | 'resources/templates/list' | 'prompts/list', cursor: unknown): Promise<void> {
    if (cursor !== undefined && typeof cursor !== 'string') return this.refuse(req, res, { problem: problem('invalidRequest', 400, '`cursor` must be a string'), headers: {} });
    const answer = await this.dispatcher.request(req, method, cursor ? { cursor } : {});
    this.answer(req, res, answer, (result) => sendJson(res, 200, withoutMeta(result)));
  }

  async callTool(req: McpHttpRequest, res: ServerResponse, name: string, body: unknown, call: RestCallOptions = {}): Promise<void> {
    const args = body === undefined || body === '' ? {} : body;
    if (!isObject(args)) return this.refuse(req, res, { problem: problem('invalidArguments', 400, 'The body must be a JSON object: the tool\'s arguments'), headers: {} });
    let session: RestSession | undefined;
    if (call.sessionId !== undefined) {
      session = this.sessions.find(call.sessionId, req.user);
      if (!session) return this.refuse(req, res, { problem: problem('notFound', 404, `Session ${call.sessionId} not found`), headers: {} });
    } else if (call.progress) {
      return this.refuse(req, res, { problem: problem('invalidRequest', 400, 'Progress is reported on a session: name one (`MCP-REST-Session` header or `session` query)'), headers: {} });
    }
    const meta: Record<string, unknown> = {
      ...(session?.logLevel ? { [LOG_LEVEL_META_KEY]: session.logLevel } : {}),
      ...(call.progress ? { progressToken: `rest-${name}` } : {}),
    };
    const toSession = session && ((message: JSONRPCMessage) => this.toSession(session, name, message));
    const answer = await this.dispatcher.request(req, 'tools/call', { name, arguments: args, _meta: meta }, toSession);
    this.answer(req, res, answer, (result) => {
      if (result.isError === true) return this.refuse(req, res, problemOfFailure(answer.failure, textOf(result)));
      sendJson(res, 200, withoutMeta(result));
    });
  }

  async readResource(req: McpHttpRequest, res: ServerResponse, uri: unknown): Promise<void> {
    if (typeof uri !== 'string' || uri === '') return this.refuse(req, res, { problem: problem('invalidRequest', 400, 'The `uri` query parameter is required'), headers: {} });
    const answer = await this.dispatcher.request(req, 'resources/read', { uri });
    this.answer(req, res, answer, (result) => {
      const contents = (result.contents as { mimeType?: string; text?: string; blob?: string }[] | undefined) ?? [];
      const single = contents.length === 1 ? contents[0]! : undefined;
      // Its own bytes when the client asks for a type other than JSON (e.g. `Accept: image/png`).
      if (single && wantsRaw(req.headers.accept, single.mimeType)) {
        const bytes = single.blob !== undefined ? Buffer.from(single.blob, 'base64') : Buffer.from(single.text ?? '', 'utf8');
        res.writeHead(200, { 'content-type': single.mimeType ?? 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
        return;
      }
      sendJson(res, 200, withoutMeta(result));
    });
  }

  async getPrompt(req: McpHttpRequest, res: ServerResponse, name: string, args: unknown): Promise<void> {
    const values = args === undefined || args === '' ? {} : args;
    if (!isObject(values) || Object.values(values).some((value) => typeof value !== 'string')) {
      return this.refuse(req, res, { problem: problem('invalidArguments', 400, "A prompt's arguments are strings: give them as query parameters or a JSON object of strings"), headers: {} });
    }
    const answer = await this.dispatcher.request(req, 'prompts/get', { name, arguments: values });
    this.answer(req, res, answer, (result) => sendJson(res, 200, withoutMeta(result)));
  }

  async complete(req: McpHttpRequest, res: ServerResponse, body: unknown): Promise<void> {
    if (!isObject(body) || !isObject(body.ref) || !isObject(body.argument)) {
      return this.refuse(req, res, { problem: problem('invalidRequest', 400, 'The body must be `{ ref, argument, context? }`, as in `completion/complete`'), headers: {} });
    }
    const answer = await this.dispatcher.request(req, 'completion/complete', { ref: body.ref, argument: body.argument, ...(isObject(body.context) ? { context: body.context } : {}) });
    this.answer(req, res, answer, (result) => sendJson(res, 200, withoutMeta(result)));
  }

  openSession(req: McpHttpRequest, res: ServerResponse): void {
    const session = this.sessions.open(req.user);
    if (!session) return this.refuse(req, res, { problem: problem('internal', 503, 'Too many open sessions; try again later'), headers: { 'retry-after': '5' } });
    sendJson(res, 201, { id: session.id, logLevel: null });
  }

  closeSession(req: McpHttpRequest, res: ServerResponse, id: string): void {
    const session = this.sessions.find(id, req.user);
    if (!session) return this.refuse(req, res, { problem: problem('notFound', 404, `Session ${id} not found`), headers: {} });
    this.sessions.close(session);
    res.writeHead(204).end();
  }

  setLogLevel(req: McpHttpRequest, res: ServerResponse, id: string, body: unknown): void {
    const session = this.sessions.find(id, req.user);
    if (!session) return this.refuse(req, res, { problem: problem('notFound', 404, `Session ${id} not found`), headers: {} });
    const level = isObject(body) ? body.level : undefined;
    if (typeof level !== 'string' || !LOG_LEVELS.includes(level as LoggingLevel)) {
      return this.refuse(req, res, { problem: problem('invalidRequest', 400, `\`level\` must be one of ${LOG_LEVELS.join(', ')}`), headers: {} });
    }
    session.logLevel = level as LoggingLevel;
    sendJson(res, 200, { id: session.id, logLevel: session.logLevel });
  }

  /** The session's event stream: progress and log messages of its calls, list changes, resource updates. */
  events(req: McpHttpRequest, res: ServerResponse, id: unknown): void {
    const session = typeof id === 'string' ? this.sessions.find(id, req.user) : undefined;
    if (!session) return this.refuse(req, res, { problem: problem('notFound', 404, typeof id === 'string' ? `Session ${id} not found` : 'The `session` query parameter is required'), headers: {} });
    const stream: SseStream = new SseStream(res, () => session.streams.delete(stream));
    session.streams.add(stream);
  }

  private toSession(session: RestSession, tool: string, message: JSONRPCMessage): void {
    const { method, params } = message as { method?: string; params?: Record<string, unknown> };
    if (method === 'notifications/progress') {
      const { progressToken: _, ...progress } = params ?? {};
      session.publish('progress', { tool, ...progress });
    } else if (method === 'notifications/message') session.publish('log', { tool, ...params });
  }

  /** Sends a problem and logs it: a warning for the client's mistakes, an error for the server's. */
  refuse(req: McpHttpRequest, res: ServerResponse, mapped: MappedProblem): void {
    const { status, title, detail } = mapped.problem;
    const line = `${req.method} ${req.url} → ${status} ${title}${detail ? `: ${detail}` : ''}`;
    if (status >= 500) this.logger.error(line);
    else this.logger.warn(line);
    sendProblem(res, mapped.problem, mapped.headers, req.url);
  }

  private answer(req: McpHttpRequest, res: ServerResponse, answer: McpRestAnswer, send: (result: Record<string, unknown>) => void): void {
    if (answer.error) return this.refuse(req, res, problemOfRpcError(answer.error));
    send(answer.result ?? {});
  }
}

function textOf(result: Record<string, unknown>): string {
  const content = (result.content as { type: string; text?: string }[] | undefined) ?? [];
  return content.map((block) => block.text ?? '').join('');
}

/** The 2026-07-28 result without the protocol's own `_meta`/`resultType` bookkeeping. */
function withoutMeta(result: Record<string, unknown>): Record<string, unknown> {
  const { _meta, resultType, ...rest } = result;
  void _meta;
  void resultType;
  return rest;
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined));
}

function wantsRaw(accept: string | undefined, mimeType: string | undefined): boolean {
  if (!accept || accept.includes('application/json') || !mimeType) return false;
  const [type] = mimeType.split('/');
  return accept.split(',').some((range) => {
    const wanted = range.split(';')[0]!.trim();
    return wanted === mimeType || wanted === `${type}/*`;
  });
}
