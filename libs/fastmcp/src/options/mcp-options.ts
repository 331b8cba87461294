import { DEFAULT_MAX_REQUEST_BODY_SIZE } from '@modelcontextprotocol/server';
import {
  DEFAULT_MCP_PATH,
  DEFAULT_PAGE_SIZE,
  DEFAULT_SESSION_IDLE_TIMEOUT_MS,
  DEFAULT_SSE_MESSAGES_PATH,
  DEFAULT_SSE_PATH,
} from '../common/mcp.constants.js';
import { DEFAULT_MAX_TASK_TTL_MS, DEFAULT_TASK_POLL_INTERVAL_MS, DEFAULT_TASK_TTL_MS } from '../common/mcp-tasks.constants.js';
import { McpConfigurationError } from '../errors/mcp-configuration.error.js';
import { optionRequired, positiveInteger } from '../errors/mcp.messages.js';
import type { McpModuleOptions } from '../interfaces/mcp-module-options.interface.js';
import type { McpServedTransportKind } from '../common/mcp-transport-kind.js';
import type { McpTasksOptions } from '../interfaces/mcp-task-options.interface.js';

/** Options with every default applied: what the rest of the library reads. */
export type ResolvedMcpOptions = Omit<McpModuleOptions, 'transports' | 'tasks'> &
  Required<Pick<McpModuleOptions, 'path' | 'ssePath' | 'sseMessagesPath' | 'stateless' | 'sessionIdleTimeoutMs' | 'maskErrors' | 'pageSize' | 'maxRequestBodySize' | 'progressIntervalMs'>> & {
    transports: ReadonlySet<McpServedTransportKind>;
    tasks: Required<Pick<McpTasksOptions, 'defaultTtlMs' | 'maxTtlMs' | 'pollIntervalMs'>> & Pick<McpTasksOptions, 'store' | 'maxTasks'>;
  };

/** Injection token of the resolved options. */
export const MCP_OPTIONS = Symbol('MCP_OPTIONS');

const OWNER = 'McpModule';
const TRANSPORTS: readonly McpServedTransportKind[] = ['streamable-http', 'sse', 'stdio'];

function positive(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new McpConfigurationError(OWNER, option, positiveInteger(OWNER, option, value));
  return value;
}

function normalizePath(path: string): string {
  return `/${path.replace(/^\/+|\/+$/g, '')}`;
}

/** The module options with their defaults, checked: a bad option fails bootstrap naming it. */
export function resolveMcpOptions(options: McpModuleOptions): ResolvedMcpOptions {
  if (!options?.name) throw new McpConfigurationError(OWNER, 'name', optionRequired(OWNER, 'name', 'the server name reported to clients'));
  if (!options.version) throw new McpConfigurationError(OWNER, 'version', optionRequired(OWNER, 'version', 'the server version reported to clients'));
  for (const transport of options.transports ?? []) {
    if (!TRANSPORTS.includes(transport)) {
      throw new McpConfigurationError(OWNER, 'transports', `${OWNER}: \`transports\` may hold ${TRANSPORTS.map((t) => `'${t}'`).join(', ')}; got '${String(transport)}'`);
    }
  }
  return {
    ...options,
    path: normalizePath(options.path ?? DEFAULT_MCP_PATH),
    ssePath: normalizePath(options.ssePath ?? DEFAULT_SSE_PATH),
    sseMessagesPath: normalizePath(options.sseMessagesPath ?? DEFAULT_SSE_MESSAGES_PATH),
    transports: new Set(options.transports ?? ['streamable-http']),
    stateless: options.stateless ?? false,
    sessionIdleTimeoutMs: options.sessionIdleTimeoutMs ?? DEFAULT_SESSION_IDLE_TIMEOUT_MS,
    maskErrors: options.maskErrors ?? process.env.NODE_ENV === 'production',
    pageSize: positive('pageSize', options.pageSize ?? DEFAULT_PAGE_SIZE),
    maxRequestBodySize: positive('maxRequestBodySize', options.maxRequestBodySize ?? DEFAULT_MAX_REQUEST_BODY_SIZE),
    progressIntervalMs: options.progressIntervalMs ?? 50,
    // SEP-2663: `ttlMs` and `pollIntervalMs` are positive integer milliseconds on the wire.
    tasks: {
      defaultTtlMs: positive('tasks.defaultTtlMs', options.tasks?.defaultTtlMs ?? DEFAULT_TASK_TTL_MS),
      maxTtlMs: positive('tasks.maxTtlMs', options.tasks?.maxTtlMs ?? DEFAULT_MAX_TASK_TTL_MS),
      pollIntervalMs: positive('tasks.pollIntervalMs', options.tasks?.pollIntervalMs ?? DEFAULT_TASK_POLL_INTERVAL_MS),
      store: options.tasks?.store,
      maxTasks: options.tasks?.maxTasks,
    },
  };
}
