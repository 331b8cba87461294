import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { setTimeout as sleep } from 'node:timers/promises';

const TASKS = 'io.modelcontextprotocol/tasks';

export class JsonRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** A JSON-RPC error the transport reports as an HTTP failure (e.g. -32601 with 404). */
function rethrowHttpError(error: { data?: { text?: string } }): never {
  let body: Message | undefined;
  try {
    body = JSON.parse(error.data?.text ?? '') as Message;
  } catch {
    throw error;
  }
  if (!body?.error) throw error;
  throw new JsonRpcError(body.error.code, body.error.message, body.error.data);
}

type Message = { id?: number; result?: Record<string, unknown>; error?: { code: number; message: string; data?: unknown } };
export type TaskResult = Record<string, any>;

/**
 * A 2026-07-28 client of the tasks extension (SEP-2663) over the v2 SDK's Streamable HTTP
 * transport. The v2 `Client` has no task support yet (it rejects `resultType: "task"`), so the
 * requests go out as JSON-RPC with the per-request `_meta` envelope; the transport derives the
 * `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name` headers from it.
 */
export class ModernTasksClient {
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();

  private constructor(
    private readonly transport: StreamableHTTPClientTransport,
    private readonly capabilities: Record<string, unknown>,
  ) {}

  /** `tasks: false` leaves the extension out of the client's capabilities. */
  static async connect(url: URL, { tasks = true, capabilities = {} as Record<string, unknown> } = {}): Promise<ModernTasksClient> {
    const transport = new StreamableHTTPClientTransport(url);
    const client = new ModernTasksClient(transport, tasks ? { ...capabilities, extensions: { [TASKS]: {} } } : capabilities);
    transport.onmessage = (message) => {
      const { id } = message as Message;
      if (typeof id === 'number') client.pending.get(id)?.(message as Message);
    };
    await transport.start();
    return client;
  }

  async request(method: string, params: Record<string, unknown> = {}): Promise<TaskResult> {
    const id = this.nextId++;
    const answered = new Promise<Message>((resolve) => this.pending.set(id, resolve));
    const _meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': this.capabilities,
      'io.modelcontextprotocol/clientInfo': { name: 'modern-tasks-client', version: '1.0.0' },
    };
    try {
      await this.transport.send({ jsonrpc: '2.0', id, method, params: { ...params, _meta } }).catch(rethrowHttpError);
      const message = await answered;
      if (message.error) throw new JsonRpcError(message.error.code, message.error.message, message.error.data);
      return message.result!;
    } finally {
      this.pending.delete(id);
    }
  }

  callTool(name: string, args: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<TaskResult> {
    return this.request('tools/call', { name, arguments: args, ...extra });
  }

  getTask(taskId: string): Promise<TaskResult> {
    return this.request('tasks/get', { taskId });
  }

  updateTask(taskId: string, inputResponses: Record<string, unknown>): Promise<TaskResult> {
    return this.request('tasks/update', { taskId, inputResponses });
  }

  cancelTask(taskId: string): Promise<TaskResult> {
    return this.request('tasks/cancel', { taskId });
  }

  /** Polls `tasks/get` until the task reaches one of `statuses`. */
  async waitFor(taskId: string, ...statuses: string[]): Promise<TaskResult> {
    for (const started = Date.now(); Date.now() - started < 5_000; await sleep(20)) {
      const task = await this.getTask(taskId);
      if (statuses.includes(task.status)) return task;
    }
    throw new Error(`task ${taskId} never reached ${statuses.join(' or ')}`);
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
