import type { McpLogLevel } from '../interfaces/mcp-context.interface.js';

const LEVELS: ReadonlySet<string> = new Set<McpLogLevel>(['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']);

/**
 * The level of a `logging/setLevel` request in a POST body (one message or a batch). The SDK
 * keeps a session's level private, so the framework reads it off the wire to report it.
 */
export function requestedLogLevel(body: unknown): McpLogLevel | undefined {
  for (const message of Array.isArray(body) ? body : [body]) {
    const { method, params } = (message ?? {}) as { method?: unknown; params?: { level?: unknown } };
    if (method === 'logging/setLevel' && typeof params?.level === 'string' && LEVELS.has(params.level)) return params.level as McpLogLevel;
  }
  return undefined;
}
