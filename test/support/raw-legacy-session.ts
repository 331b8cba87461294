/**
 * A 2025-11-25 session driven over plain HTTP, for what the SDK client hides: which instance a
 * request goes to, and the event ids of the GET stream.
 */
const POST_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

export interface RawLegacySession {
  readonly id: string;
  /** The headers every later request of the session carries. */
  readonly headers: Record<string, string>;
  request(method: string, params?: object): Promise<unknown>;
}

/** The result (or error) in a JSON or SSE answer to one request. */
async function answerOf(response: Response): Promise<unknown> {
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .find((data) => data.includes('"id"'))
    : text;
  if (!json) throw new Error(`No answer in: ${text}`);
  return JSON.parse(json);
}

export async function rawLegacySession(url: URL): Promise<RawLegacySession> {
  const opened = await fetch(url, {
    method: 'POST',
    headers: POST_HEADERS,
    body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } } }),
  });
  const id = opened.headers.get('mcp-session-id');
  if (!id) throw new Error(`initialize answered ${opened.status} without a session id`);
  await answerOf(opened);
  const headers = { 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' };
  const initialized = await fetch(url, { method: 'POST', headers: { ...POST_HEADERS, ...headers }, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
  if (initialized.status !== 202) throw new Error(`notifications/initialized answered ${initialized.status}`);
  let next = 1;
  return {
    id,
    headers,
    async request(method, params) {
      const response = await fetch(url, { method: 'POST', headers: { ...POST_HEADERS, ...headers }, body: JSON.stringify({ jsonrpc: '2.0', id: next++, method, params }) });
      return answerOf(response);
    },
  };
}

export interface SseEvent {
  id: string;
  data: string;
}

export interface EventStream {
  /** The next event that carries data (the priming event, with none, is skipped). */
  next(timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/** Opens a session's GET stream and reads its events one by one. */
export async function openEventStream(url: URL, headers: Record<string, string>): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { method: 'GET', headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`GET stream answered ${response.status}: ${await response.text()}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(timeoutMs = 15_000) {
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim();
            const data = field('data');
            if (data) return { id: field('id') ?? '', data };
            continue;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('The stream ended');
          buffer += value;
        }
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      abort.abort();
    },
  };
}
