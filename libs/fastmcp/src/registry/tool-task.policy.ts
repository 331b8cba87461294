import type { McpTaskSupport, McpToolTaskOptions, McpToolTaskPolicy } from '../interfaces/mcp-task-options.interface.js';
import { McpConfigurationError } from '../errors/mcp-configuration.error.js';
import { oneOf, positiveInteger } from '../errors/mcp.messages.js';

const SUPPORT = new Set(['forbidden', 'optional', 'required']);

/** The `task` option of `@McpTool()` with defaults applied; `undefined` when calls never run as tasks. */
export function toolTaskPolicy(option: McpTaskSupport | McpToolTaskOptions | undefined, where: string): McpToolTaskPolicy | undefined {
  if (option === undefined) return undefined;
  const options = (typeof option === 'string' ? { support: option } : option) as Omit<McpToolTaskOptions, 'support'> & { support: McpTaskSupport };
  if (!SUPPORT.has(options.support)) throw new McpConfigurationError(where, 'task', oneOf(where, 'task', [...SUPPORT], options.support));
  if (options.support === 'forbidden') return undefined;
  const { support, start = 'call', ttlMs, pollIntervalMs } = options;
  if (start !== 'call' && start !== 'handler') throw new McpConfigurationError(where, 'task.start', oneOf(where, 'task.start', ['call', 'handler'], start));
  for (const [name, value] of Object.entries({ ttlMs, pollIntervalMs })) {
    // SEP-2663: both travel as positive integer milliseconds.
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) throw new McpConfigurationError(where, `task.${name}`, positiveInteger(where, `task.${name}`, value));
  }
  return { support, start, ttlMs, pollIntervalMs };
}
