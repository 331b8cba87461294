import { IntrinsicException } from '@nestjs/common';
import type { InputRequest } from '@modelcontextprotocol/server';

/**
 * Thrown by `ctx.elicit()` / `ctx.sample()` / `ctx.listRoots()` on a 2026-07-28 request whose
 * answer the client has not supplied yet: it unwinds the handler so the framework can answer
 * with an `InputRequiredResult` (spec: basic/patterns/mrtr). The client retries with the
 * answer, the handler runs again, and this time the call returns it. An `IntrinsicException`
 * so Nest's exception layer passes it through without logging.
 */
export class McpInputRequiredSignal extends IntrinsicException {
  constructor(
    readonly key: string,
    readonly request: InputRequest,
  ) {
    super(`Input required from the client (${request.method})`);
  }
}
