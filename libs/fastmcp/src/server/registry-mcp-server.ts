import { McpServer, type Implementation, type McpServerOptions } from '@modelcontextprotocol/server';

/**
 * The SDK's high-level server class, with tool schemas read from our registry. The SDK's HTTP
 * entry validates SEP-2243 `Mcp-Param-*` headers against a tool's input schema before
 * dispatch, but only for an `McpServer` product; this subclass gives it our schemas while the
 * request handlers stay on the low-level `server`.
 */
export class RegistryMcpServer extends McpServer {
  constructor(
    info: Implementation,
    options: McpServerOptions,
    private readonly inputSchemaOf: (toolName: string) => Record<string, unknown> | undefined,
  ) {
    super(info, options);
  }

  override toolInputSchemaJson(name: string): Record<string, unknown> | undefined {
    return this.inputSchemaOf(name);
  }
}
