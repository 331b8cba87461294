import type { ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { McpHttpAdmission } from '../../http/mcp-http-admission.js';
import { McpRequestsInFlight } from '../../sessions/mcp-requests-in-flight.js';
import { StreamableHttpAdapter } from './streamable-http.adapter.js';

/** A request answered with nothing left to wait for. */
const DONE = Promise.resolve();

/**
 * What the Streamable HTTP routes do once a request reaches them: admission (DNS rebinding, body
 * screen), then the transport. Shared by the Nest controller and the fast path's front door, so
 * both answer alike.
 */
@Injectable()
export class StreamableHttpEndpoint {
  constructor(
    private readonly admission: McpHttpAdmission,
    private readonly adapter: StreamableHttpAdapter,
    private readonly inFlight: McpRequestsInFlight,
  ) {}

  /** Not `async`: a body screened at once goes on without a turn of the microtask queue. */
  post(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    try {
      this.inFlight.track(res);
      if (!this.admission.admitted(req, res)) return DONE;
      const screened = this.admission.screened(req, res);
      if (screened === true) return this.adapter.handle(req, res);
      if (screened === false) return DONE;
      return screened.then((passed) => (passed ? this.adapter.handle(req, res) : undefined));
    } catch (error) {
      // What an `async` method would do: callers handle a rejection, not a throw.
      return Promise.reject(error);
    }
  }

  /** GET (the standalone SSE stream) and DELETE (session end). */
  async serve(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    if (this.admission.admitted(req, res)) return this.adapter.handle(req, res);
  }
}
