/**
 * An error meant for the client: its message reaches the caller even when `maskErrors` is on.
 * From a tool it becomes a result with `isError: true`.
 */
export class McpUserError extends Error {
  constructor(message: string, readonly data?: unknown) {
    super(message);
    this.name = 'McpUserError';
  }
}
