import type { CallToolResult, InputRequest } from '@modelcontextprotocol/server';

/**
 * spec 2025-11-25 basic/utilities/tasks "Task Status"; SEP-2663 keeps the same five.
 *
 * @publicApi
 */
export type McpTaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

const TERMINAL: ReadonlySet<McpTaskStatus> = new Set(['completed', 'failed', 'cancelled']);

/** Terminal tasks never change status again (spec 2025-11-25 "Task Status Lifecycle"). */
export function isTerminalStatus(status: McpTaskStatus): boolean {
  return TERMINAL.has(status);
}

/**
 * The JSON-RPC error a `failed` task carries.
 *
 * @publicApi
 */
export interface McpTaskError {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * Whom a task belongs to. A task with a principal is visible to that principal only; a legacy
 * task is also bound to its session, which scopes `tasks/list`.
 *
 * @publicApi
 */
export interface McpTaskOwner {
  principal?: string;
  sessionId?: string;
}

/**
 * One task as a store keeps it: plain JSON-able data, so a durable store can persist it as is.
 * Times are epoch milliseconds; the wire mappers format them.
 *
 * @publicApi
 */
export interface McpTask {
  readonly taskId: string;
  status: McpTaskStatus;
  statusMessage?: string;
  readonly createdAt: number;
  lastUpdatedAt: number;
  readonly ttlMs: number;
  readonly pollIntervalMs: number;
  /** The protocol era of the call that created it: decides the wire shapes and error semantics. */
  readonly era: 'legacy' | 'modern';
  readonly toolName: string;
  readonly owner: McpTaskOwner;
  /** The tool's result once `completed` (or, on legacy sessions, a tool error that `failed`). */
  result?: CallToolResult;
  /** The JSON-RPC error once `failed`. */
  error?: McpTaskError;
  /** The questions a 2026-07-28 task waits on while `input_required`, keyed as in `inputRequests`. */
  inputRequests?: Record<string, InputRequest>;
  /** Every answer the client gave so far; a resumed run reads them (see ClientRequests). */
  answers?: Record<string, unknown>;
}

/**
 * The fields a running task changes.
 *
 * @publicApi
 */
export type McpTaskPatch = Partial<Pick<McpTask, 'status' | 'statusMessage' | 'result' | 'error' | 'inputRequests' | 'answers'>>;
