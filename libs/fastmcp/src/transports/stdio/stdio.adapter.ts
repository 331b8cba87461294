import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { serveStdio, type StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { McpServerFactory } from '../../server/mcp-server.factory.js';

/**
 * Serves MCP over the process's stdin/stdout (both eras; the SDK negotiates per connection).
 * stdout then carries protocol frames only: log through a stderr logger (`McpStdioLogger`).
 */
@Injectable()
export class StdioAdapter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('McpStdio');
  private handle?: StdioServerHandle;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly servers: McpServerFactory,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.transports.has('stdio')) return;
    this.handle = serveStdio((ctx) => this.servers.create({ era: ctx.era, transport: 'stdio' }), {
      onerror: (error) => this.logger.warn(`stdio: ${error.message}`),
    });
    this.logger.log('Serving MCP over stdio');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.handle?.close();
  }
}
