import { IntrinsicException } from '@nestjs/common';

/**
 * The reason a task's `ctx.signal` aborts with: `tasks/cancel`, the end of its TTL, or server
 * shutdown. An `IntrinsicException`, so a handler that rejects with it (as `signal.reason`) is
 * not logged as a failure by Nest's exception layer.
 *
 * @publicApi
 */
export class McpTaskCancelledError extends IntrinsicException {
  constructor(
    readonly taskId: string,
    readonly reason: 'cancelled' | 'expired' | 'shutdown',
  ) {
    super(`Task ${taskId} ${reason === 'cancelled' ? 'was cancelled by the client' : reason === 'expired' ? 'expired' : 'stopped: the server shut down'}`);
  }
}
