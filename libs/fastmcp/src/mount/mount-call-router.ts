import type { McpContext } from '../interfaces/mcp-context.interface.js';

/** One of our calls waiting on the mounted server. */
interface ActiveCall {
  readonly ctx: McpContext;
  /** Ends the call with an error raised outside it (e.g. our client must answer a question first). */
  readonly fail: (error: unknown) => void;
}

/**
 * Which of our calls a request or notification from a mounted server belongs to. A stdio or
 * session connection does not say which of our calls made the mounted server ask (its
 * requests name no related request on the client side), so the latest call still running
 * answers: exact while calls through one mount do not overlap, the common case for
 * interactive tools.
 */
export class MountCallRouter {
  private readonly active: ActiveCall[] = [];

  /** Runs `work` as a call of `ctx`; an error given to `fail` meanwhile ends it. */
  async run<T>(ctx: McpContext, work: () => Promise<T>): Promise<T> {
    let fail!: (error: unknown) => void;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    const call: ActiveCall = { ctx, fail };
    this.active.push(call);
    try {
      return await Promise.race([work(), failed]);
    } finally {
      this.active.splice(this.active.indexOf(call), 1);
    }
  }

  /** The call a mounted server's request or notification goes to, if any is running. */
  current(): ActiveCall | undefined {
    return this.active.at(-1);
  }
}
