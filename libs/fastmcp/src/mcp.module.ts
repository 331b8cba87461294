import { Module, type DynamicModule } from '@nestjs/common';
import { McpAccelModule } from './accel/mcp-accel.module.js';
import { McpHttpModule } from './http/mcp-http.module.js';
import type { McpServedTransportKind } from './interfaces/mcp-module-options.interface.js';
import { McpCoreModule } from './mcp-core.module.js';
import type { MCP_ASYNC_OPTIONS_TYPE, MCP_OPTIONS_TYPE } from './mcp.module-definition.js';
import { McpTasksModule } from './tasks/mcp-tasks.module.js';
import { McpSseModule } from './transports/sse/sse.module.js';
import { McpStdioModule } from './transports/stdio/stdio.module.js';
import { McpStreamableHttpModule } from './transports/streamable-http/streamable-http.module.js';

/**
 * Turns the app's `@McpTool()`, `@McpResource()` and `@McpPrompt()` methods into an MCP server.
 * Composes the core with what the options ask for: each configured transport, tasks, and the
 * fast path unless `fastPath: false`.
 *
 * @publicApi
 */
@Module({})
export class McpModule {
  static forRoot(options: typeof MCP_OPTIONS_TYPE): DynamicModule {
    const transports = new Set<McpServedTransportKind>(options.transports ?? ['streamable-http']);
    return McpModule.compose(McpCoreModule.forRoot(options), transports, options.fastPath !== false);
  }

  /**
   * With options from a factory. Which transports and whether the fast path run is only known
   * once the factory has run: every transport module is composed, and each serves only if the
   * options name it.
   */
  static forRootAsync(options: typeof MCP_ASYNC_OPTIONS_TYPE): DynamicModule {
    return McpModule.compose(McpCoreModule.forRootAsync(options), new Set(['streamable-http', 'sse', 'stdio']), true);
  }

  private static compose(core: DynamicModule, transports: ReadonlySet<McpServedTransportKind>, fastPath: boolean): DynamicModule {
    const http = transports.has('streamable-http') || transports.has('sse');
    return {
      module: McpModule,
      imports: [
        core,
        McpTasksModule,
        ...(http ? [McpHttpModule] : []),
        ...(transports.has('streamable-http') ? [McpStreamableHttpModule.register()] : []),
        ...(transports.has('sse') ? [McpSseModule.register()] : []),
        ...(transports.has('stdio') ? [McpStdioModule] : []),
        ...(fastPath ? [McpAccelModule] : []),
      ],
      exports: [core],
    };
  }
}
