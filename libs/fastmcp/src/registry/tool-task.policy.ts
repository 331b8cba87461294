import type { McpTaskSupport, McpToolTaskOptions, McpToolTaskPolicy } from '../interfaces/mcp-task-options.interface.js';

const SUPPORT = new Set(['forbidden', 'optional', 'required']);

/** The `task` option of `@McpTool()` with defaults applied; `undefined` when calls never run as tasks. */
export function toolTaskPolicy(option: McpTaskSupport | McpToolTaskOptions | undefined, where: string): McpToolTaskPolicy | undefined {
  if (option === undefined) return undefined;
  const options = (typeof option === 'string' ? { support: option } : option) as Omit<McpToolTaskOptions, 'support'> & { support: McpTaskSupport };
  if (!SUPPORT.has(options.support)) throw new TypeError(`${where}: task support must be 'forbidden', 'optional' or 'required', got ${String(options.support)}`);
  if (options.support === 'forbidden') return undefined;
  const { support, start = 'call', ttlMs, pollIntervalMs } = options;
  if (start !== 'call' && start !== 'handler') throw new TypeError(`${where}: task start must be 'call' or 'handler', got ${String(start)}`);
  for (const [name, value] of Object.entries({ ttlMs, pollIntervalMs })) {
    // SEP-2663: both travel as positive integer milliseconds.
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) throw new TypeError(`${where}: task ${name} must be a positive integer, got ${value}`);
  }
  return { support, start, ttlMs, pollIntervalMs };
}
