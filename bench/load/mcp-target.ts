import { HttpPool } from './http-pool.js';
import { BadReplyError, readJsonRpcReply } from './json-rpc-reply.js';
import {
  ECHO_TEXT,
  INITIALIZED_BODY,
  INITIALIZE_HEADERS,
  initializeBody,
  modernCallHeaders,
  sessionHeaders,
  toolCallBody,
  toolCallBodyPrefix,
  type BenchEra,
} from './mcp-wire.js';

/** A 2025-era session as the load generator holds it: its id and the headers that carry it. */
export interface McpSession {
  id: string;
  headers: string[];
}

/**
 * An MCP client reduced to what the benchmark sends: open a session (`initialize`, then
 * `notifications/initialized`) and call the `echo` tool, in either era, checking every answer.
 */
export class McpTarget {
  private nextId = 1;
  private readonly callPrefix: string;
  private readonly modernHeaders: string[];

  constructor(
    private readonly pool: HttpPool,
    private readonly path: string,
    readonly era: BenchEra,
    private readonly text = ECHO_TEXT,
    /** Sent on every request besides the MCP ones (e.g. `authorization`), as name, value pairs. */
    private readonly extraHeaders: readonly string[] = [],
  ) {
    this.callPrefix = toolCallBodyPrefix(era, 'echo', { text });
    this.modernHeaders = [...modernCallHeaders('echo'), ...extraHeaders];
  }

  async openSession(): Promise<McpSession> {
    const reply = await this.pool.request('POST', this.path, [...INITIALIZE_HEADERS, ...this.extraHeaders], initializeBody(0));
    const message = readJsonRpcReply(reply);
    if (message.result === undefined) throw new BadReplyError('initialize failed', reply);
    const id = reply.headers['mcp-session-id'];
    if (typeof id !== 'string') throw new BadReplyError('initialize answered without an Mcp-Session-Id header', reply);
    const headers = [...sessionHeaders(id), ...this.extraHeaders];
    const ack = await this.pool.request('POST', this.path, headers, INITIALIZED_BODY);
    // spec 2025-11-25 basic/transports: a notification is acknowledged with 202 Accepted.
    if (ack.status < 200 || ack.status > 299) throw new BadReplyError('notifications/initialized refused', ack);
    return { id, headers };
  }

  /** One `tools/call` of `echo`; resolves once the echoed text is back. */
  async callEcho(session?: McpSession): Promise<void> {
    const headers = this.era === 'legacy' ? session!.headers : this.modernHeaders;
    const reply = await this.pool.request('POST', this.path, headers, toolCallBody(this.callPrefix, this.nextId++));
    const result = readJsonRpcReply(reply).result as { content?: Array<{ text?: string }>; isError?: boolean } | undefined;
    if (result === undefined || result.isError === true || result.content?.[0]?.text !== this.text) {
      throw new BadReplyError('tools/call did not echo the text back', reply);
    }
  }
}
