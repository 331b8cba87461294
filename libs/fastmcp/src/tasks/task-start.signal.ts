import { IntrinsicException } from '@nestjs/common';

/**
 * Thrown by `ctx.startTask()` while a tool that starts its task itself (`start: 'handler'`)
 * still runs inside its request: it unwinds the handler so the framework can answer with a
 * `CreateTaskResult` and run the handler again as the task. An `IntrinsicException` so Nest's
 * exception layer passes it through without logging.
 */
export class McpTaskStartSignal extends IntrinsicException {
  constructor() {
    super('The tool continues as a task');
  }
}
