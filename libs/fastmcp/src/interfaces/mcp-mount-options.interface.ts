/** What every mount has, whatever serves it. @publicApi */
interface McpMountBase {
  /**
   * The namespace of the mounted server's items: tool and prompt names become `<prefix>_<name>`,
   * resource URIs `<prefix>+<uri>`. Letters, digits and `-`, starting with a letter; empty
   * serves the items under their own names (for a single mount, as the CLI's proxy does).
   */
  prefix: string;
  /** A caller needs one of these roles to see or use any item of the mount (as `@McpRoles()`). */
  roles?: string[];
  /** A caller needs all of these scopes to see or use any item of the mount (as `@McpScopes()`). */
  scopes?: string[];
}

/** A stdio server started as a child process. @publicApi */
export interface McpStdioMountOptions extends McpMountBase {
  command: string;
  args?: string[];
  /** Added to this process's environment for the child. */
  env?: Record<string, string>;
  cwd?: string;
}

/** A remote Streamable HTTP server. @publicApi */
export interface McpHttpMountOptions extends McpMountBase {
  url: string;
  /** Sent with every request to the remote server (e.g. `Authorization`). */
  headers?: Record<string, string>;
}

/**
 * Another MCP server whose tools, resources and prompts this one serves under a namespace.
 *
 * @publicApi
 */
export type McpMountOptions = McpStdioMountOptions | McpHttpMountOptions;
