import type { LoggingLevel } from '@modelcontextprotocol/server';
import type { SseStream } from './sse-stream.js';

/**
 * A REST client's session: a principal, the log level it asked for, and its open event streams
 * (`GET <prefix>/events?session=`). Calls made with the session report their progress and log
 * messages there, and catalog and resource changes reach it.
 */
export class RestSession {
  logLevel: LoggingLevel | undefined;
  lastSeenAt = Date.now();
  readonly streams = new Set<SseStream>();

  constructor(
    readonly id: string,
    /** `principalId()` of the caller that opened it; `undefined` when anonymous. */
    readonly principal: string | undefined,
    /** The principal itself, for the access checks of resource updates. */
    readonly user: unknown,
  ) {}

  publish(event: string, data: unknown): void {
    for (const stream of this.streams) stream.send(event, data);
  }

  close(): void {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}
