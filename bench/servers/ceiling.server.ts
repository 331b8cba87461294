/**
 * The ceiling: plain `node:http` doing the least a correct MCP server can do — parse the JSON-RPC
 * message, keep a set of session ids, answer a fixed result (echoing the tool's text so the
 * harness's correctness check holds). Whatever it costs per call, no MCP server can beat.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';

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

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string' && !sessions.has(sessionId)) {
      res.writeHead(404).end();
      return;
    }
    let message: { id?: unknown; method?: string; params?: { arguments?: { text?: string } } };
    try {
      message = JSON.parse(Buffer.concat(chunks).toString());
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (message.id === undefined) {
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
  });
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
