import type { LoggingMessageNotificationParams, Progress } from '@modelcontextprotocol/client';

/** A notification the server sent, as the test client received it. */
export interface McpReceivedNotification {
  readonly method: string;
  readonly params?: Record<string, unknown>;
}

/**
 * What the server told a test client besides its answers, in arrival order. Lists grow as
 * notifications arrive; `clear()` empties them between steps of a test.
 *
 * @publicApi
 */
export class McpTestNotifications {
  /** `notifications/progress` of the calls this client made (each call asks for progress). */
  readonly progress: Progress[] = [];
  /** `notifications/message`: what handlers logged through `ctx.log`, at the client's log level or above. */
  readonly logs: LoggingMessageNotificationParams[] = [];
  /** Every notification, progress and logs included. */
  readonly all: McpReceivedNotification[] = [];

  clear(): void {
    this.progress.length = 0;
    this.logs.length = 0;
    this.all.length = 0;
  }
}
