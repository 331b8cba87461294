/**
 * A problem in the declared MCP surface found at bootstrap, e.g. two providers claiming one tool name.
 *
 * @publicApi
 */
export class McpBootstrapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpBootstrapError';
  }
}
