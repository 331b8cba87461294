import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** A parsed JSON-RPC message, as far as the fixed-answer servers read it. */
export interface FixedAnswerMessage {
  id?: unknown;
  method?: string;
  params?: { arguments?: { text?: string } };
}

const sessions = new Set<string>();
const INITIALIZE_RESULT = JSON.stringify({
  protocolVersion: '2025-11-25',
  capabilities: { tools: { listChanged: true } },
  serverInfo: { name: 'ceiling', version: '1.0.0' },
});

function answer(res: ServerResponse, id: unknown, result: string, headers: Record<string, string> = {}): void {
  const body = `{"result":${result},"jsonrpc":"2.0","id":${JSON.stringify(id)}}`;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * The least a correct MCP server can do with a message: keep a set of session ids, answer a
 * fixed result (echoing the tool's text so the harness's correctness check holds).
 */
export function answerFixed(sessionId: string | string[] | undefined, message: FixedAnswerMessage, res: ServerResponse): void {
  if (typeof sessionId === 'string' && !sessions.has(sessionId)) {
    res.writeHead(404).end();
  } else if (message.id === undefined) {
    res.writeHead(202).end();
  } else if (message.method === 'initialize') {
    const id = randomUUID();
    sessions.add(id);
    answer(res, message.id, INITIALIZE_RESULT, { 'mcp-session-id': id });
  } else if (message.method === 'tools/call') {
    answer(res, message.id, `{"content":[{"type":"text","text":${JSON.stringify(message.params?.arguments?.text ?? '')}}]}`);
  } else {
    answer(res, message.id, '{}');
  }
}
