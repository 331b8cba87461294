import {
  LOG_LEVEL_META_KEY,
  type CallToolResult,
  type Client,
  type CompleteRequest,
  type CompleteResult,
  type GetPromptResult,
  type LoggingLevel,
  type Notification,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type Tool,
} from '@modelcontextprotocol/client';
import type { McpTestEra } from './mcp-test-client-options.interface.js';
import { McpTestNotifications, type McpReceivedNotification } from './mcp-test-notifications.js';

type ResourceTemplate = Awaited<ReturnType<Client['listResourceTemplates']>>['resourceTemplates'][number];

/** Per-call options of {@link McpTestClient.callTool} and the other requests. */
export interface McpTestCallOptions {
  /** Extra `_meta` of the request. */
  readonly meta?: Record<string, unknown>;
  /** Cancels the request: the handler's `ctx.signal` aborts. */
  readonly signal?: AbortSignal;
  /** Milliseconds before the client gives up on the answer. */
  readonly timeout?: number;
}

type Listener = (notification: McpReceivedNotification) => void;

/**
 * An SDK client connected in memory to the app's MCP server, with one-line helpers. Every call
 * goes through the same pipeline as a real one (guards, interceptors, pipes, filters, access
 * rules). `client` is the SDK `Client` itself, for anything the helpers do not cover.
 *
 * @publicApi
 */
export class McpTestClient {
  /** What the server sent besides answers: progress, log messages, everything else. */
  readonly notifications = new McpTestNotifications();
  private readonly listeners = new Map<string, Listener[]>();

  /** @internal Made by `createMcpTestClient()`. */
  constructor(
    readonly client: Client,
    readonly era: McpTestEra,
    private readonly logLevel: LoggingLevel,
    private readonly closeServer: () => Promise<void>,
  ) {
    client.setNotificationHandler('notifications/message', (notification) => {
      this.notifications.logs.push(notification.params);
      this.received(notification);
    });
    client.fallbackNotificationHandler = async (notification) => this.received(notification);
  }

  /** Calls a tool; a tool that fails answers `isError: true`, an unknown one rejects (-32602). */
  callTool(name: string, args: Record<string, unknown> = {}, options: McpTestCallOptions = {}): Promise<CallToolResult> {
    return this.client.callTool(
      { name, arguments: args, _meta: this.meta(options) },
      {
        signal: options.signal,
        timeout: options.timeout,
        onprogress: (progress) => {
          this.notifications.progress.push(progress);
          this.received({ method: 'notifications/progress', params: { ...progress } });
        },
      },
    );
  }

  /** The tools this client's principal may see, every page. */
  async listTools(): Promise<Tool[]> {
    return (await this.client.listTools()).tools;
  }

  async listResources(): Promise<Resource[]> {
    return (await this.client.listResources()).resources;
  }

  async listResourceTemplates(): Promise<ResourceTemplate[]> {
    return (await this.client.listResourceTemplates()).resourceTemplates;
  }

  readResource(uri: string, options: McpTestCallOptions = {}): Promise<ReadResourceResult> {
    return this.client.readResource({ uri, _meta: this.meta(options) }, { signal: options.signal, timeout: options.timeout });
  }

  async listPrompts(): Promise<Prompt[]> {
    return (await this.client.listPrompts()).prompts;
  }

  getPrompt(name: string, args: Record<string, string> = {}, options: McpTestCallOptions = {}): Promise<GetPromptResult> {
    return this.client.getPrompt({ name, arguments: args, _meta: this.meta(options) }, { signal: options.signal, timeout: options.timeout });
  }

  /** Completion values for `argument` of a prompt (`{ type: 'ref/prompt', name }`) or resource template (`{ type: 'ref/resource', uri }`). */
  async complete(
    ref: CompleteRequest['params']['ref'],
    argument: { name: string; value: string },
    context?: Record<string, string>,
  ): Promise<CompleteResult['completion']> {
    const result = await this.client.complete({ ref, argument, ...(context ? { context: { arguments: context } } : {}) });
    return result.completion;
  }

  /** Calls `listener` with every notification of `method` from now on (they are collected in `notifications` too). */
  onNotification(method: string, listener: Listener): () => void {
    const listeners = this.listeners.get(method) ?? [];
    listeners.push(listener);
    this.listeners.set(method, listeners);
    return () => listeners.splice(listeners.indexOf(listener), 1);
  }

  /** Closes the client and its server side; the Nest app stays up (close it as usual). */
  async close(): Promise<void> {
    await this.client.close();
    await this.closeServer();
  }

  /**
   * The request's `_meta`. A 2026-07-28 request names the log level it wants in its own `_meta`
   * (there is no `logging/setLevel` in that revision); a session asked for it once, on connect.
   */
  private meta({ meta }: McpTestCallOptions): Record<string, unknown> | undefined {
    if (this.era === '2026-07-28') return { [LOG_LEVEL_META_KEY]: this.logLevel, ...meta };
    return meta;
  }

  private received(notification: Notification | McpReceivedNotification): void {
    const received: McpReceivedNotification = { method: notification.method, params: notification.params as Record<string, unknown> | undefined };
    this.notifications.all.push(received);
    for (const listener of this.listeners.get(received.method) ?? []) listener(received);
  }
}
