import { Option, type Command } from 'commander';
import type { LoggingLevel, RequestOptions } from '@modelcontextprotocol/client';
import type { CliContext, ConnectionFlags } from './cli-context.js';
import type { McpConnection } from './mcp-connection.js';
import { NotificationReporter } from './notification-reporter.js';

const LEVELS: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

export interface RequestFlags extends ConnectionFlags {
  logLevel: LoggingLevel;
}

export function addLogLevelOption(command: Command): Command {
  return command.addOption(new Option('--log-level <level>', 'lowest level of the server log messages shown on stderr').choices(LEVELS).default('info'));
}

/**
 * Runs one request with its notifications shown on stderr: the server's log messages at the
 * chosen level, and its progress. Returns what goes into the request's `_meta` and options.
 */
export async function runReported<T>(
  context: CliContext,
  connection: McpConnection,
  flags: RequestFlags,
  request: (meta: Record<string, unknown> | undefined, options: RequestOptions) => Promise<T>,
): Promise<T> {
  const reporter = new NotificationReporter(context.stderr);
  connection.client.setNotificationHandler('notifications/message', (notification) => reporter.log(notification.params));
  try {
    const meta = await connection.requestLogs(flags.logLevel);
    return await request(meta, { timeout: flags.timeout, resetTimeoutOnProgress: true, onprogress: (progress) => reporter.progress(progress) });
  } finally {
    reporter.finish();
  }
}
