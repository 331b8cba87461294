import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/**
 * A Nest logger that writes everything to stderr, so stdout stays a clean MCP stdio channel.
 *
 * @publicApi
 */
export class McpStdioLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}
