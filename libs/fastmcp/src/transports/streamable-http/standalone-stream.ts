import type { ServerResponse } from 'node:http';

/** Told when a stream opens and when its connection closes (for the count of open streams). */
export interface StreamLifetime {
  opened(): void;
  closed(): void;
}

/** An SSE comment (ignored by clients): something to write at once, so the head goes out with it. */
const STREAM_OPENED = new TextEncoder().encode(': stream opened\n\n');

/**
 * The SDK transport's answer to a `GET` (the standalone SSE stream, or a `Last-Event-ID`
 * resumption), made to behave as the spec expects (basic/transports, "Listening for Messages
 * from the Server": the server returns `text/event-stream` or 405):
 * - its head leaves at once: the SDK's stream enqueues nothing until the first keep-alive
 *   (15 s), and Node sends a response's head with its first body bytes, so a client waited that
 *   long to learn the stream was open;
 * - a client that drops the stream frees it at once: the SDK notices only when its next write
 *   (the keep-alive) fails, and until then answers a new `GET` 409 (one stream per session).
 * Here the stream starts with an SSE comment, and the SDK's stream is cancelled when the
 * connection closes. Anything else passes unchanged.
 */
export function eagerEventStream(response: Response, res: ServerResponse, lifetime?: StreamLifetime): Response {
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
  const reader = response.body.getReader();
  let ended = false;
  lifetime?.opened();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(STREAM_OPENED);
      res.once('close', () => {
        lifetime?.closed();
        if (ended) return;
        ended = true;
        reader.cancel().catch(() => undefined);
        try {
          controller.close();
        } catch {
          // Closed by the SDK's own end in the meantime.
        }
      });
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (ended) return;
        if (done) {
          ended = true;
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        if (!ended) controller.error(error);
      }
    },
    cancel(reason) {
      ended = true;
      return reader.cancel(reason);
    },
  });
  return new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
}
