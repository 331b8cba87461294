import { IntrinsicException } from '@nestjs/common';

/**
 * An error meant for the client: its message reaches the caller even when `maskErrors` is on.
 * From a tool it becomes a result with `isError: true`. An `IntrinsicException`, so Nest's
 * exception handler does not log it as a server fault.
 *
 * @publicApi
 */
export class McpUserError extends IntrinsicException {
  constructor(message: string, readonly data?: unknown) {
    super(message);
    this.name = 'McpUserError';
  }
}
