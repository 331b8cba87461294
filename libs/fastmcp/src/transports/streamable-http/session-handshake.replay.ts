import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import type { McpStoredSession } from '../../sessions/mcp-session-store.js';

/** A request the client never sent: only this process sees it, so the URL is never dereferenced. */
const REPLAY_URL = 'http://session-restore.invalid/';

export class SessionReplayError extends Error {
  constructor(sessionId: string, detail: string) {
    super(`Could not resume MCP session ${sessionId}: ${detail}`);
    this.name = 'SessionReplayError';
  }
}

/**
 * Brings a fresh transport and server to the state a stored session had, by replaying the
 * client's handshake (`initialize`, then `logging/setLevel` if it had set one) through the
 * transport's public `handleRequest`. The SDK offers no "already initialized" option, and
 * this keeps us off its private fields: the transport adopts the session id (its generator
 * returns the stored id), the server records the client's capabilities, info and protocol
 * version, and the log level lands where the SDK filters by it. `notifications/initialized`
 * is not replayed, so no `session.opened` is emitted for a resumed session.
 */
export async function replayHandshake(
  transport: WebStandardStreamableHTTPServerTransport,
  sessionId: string,
  stored: McpStoredSession,
): Promise<void> {
  await replay(transport, sessionId, {
    jsonrpc: '2.0',
    id: 'resume-initialize',
    method: 'initialize',
    params: { protocolVersion: stored.protocolVersion, capabilities: stored.clientCapabilities, clientInfo: stored.clientInfo },
  });
  if (transport.sessionId !== sessionId) throw new SessionReplayError(sessionId, 'the transport did not adopt the stored id');
  if (stored.logLevel) {
    await replay(
      transport,
      sessionId,
      { jsonrpc: '2.0', id: 'resume-set-level', method: 'logging/setLevel', params: { level: stored.logLevel } },
      { 'mcp-session-id': sessionId, 'mcp-protocol-version': stored.protocolVersion },
    );
  }
}

async function replay(
  transport: WebStandardStreamableHTTPServerTransport,
  sessionId: string,
  message: { jsonrpc: '2.0'; id: string; method: string; params: object },
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await transport.handleRequest(
    new Request(REPLAY_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(message),
    }),
  );
  // The answer comes as an SSE stream that ends once the response is written.
  const body = await response.text();
  const answer = body
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line.length > 'data: '.length)
    .map((line) => JSON.parse(line.slice('data: '.length)) as { id?: unknown; error?: { message: string } })
    .find((data) => data.id === message.id);
  if (!response.ok || !answer || answer.error) {
    throw new SessionReplayError(sessionId, `${message.method} answered ${response.status} ${answer?.error?.message ?? body.slice(0, 200)}`);
  }
}
