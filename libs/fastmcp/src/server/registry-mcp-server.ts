import { McpServer, type Implementation, type McpServerOptions, type Server } from '@modelcontextprotocol/server';

/**
 * The SDK's high-level server class, with tool schemas read from our registry. The SDK's HTTP
 * entry validates SEP-2243 `Mcp-Param-*` headers against a tool's input schema before
 * dispatch, but only for an `McpServer` product; this subclass gives it our schemas while the
 * request handlers stay on the low-level `server`, which is ours too (a task-aware `Server`),
 * replacing the one the base constructor made before anything used it.
 */
export class RegistryMcpServer extends McpServer {
  constructor(
    info: Implementation,
    options: McpServerOptions,
    server: Server,
    private readonly inputSchemaOf: (toolName: string) => Record<string, unknown> | undefined,
  ) {
    super(info, options);
    (this as { server: Server }).server = server;
  }

  override toolInputSchemaJson(name: string): Record<string, unknown> | undefined {
    return this.inputSchemaOf(name);
  }
}
