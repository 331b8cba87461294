// The bare official SDK (v2, the one nestjs-fastmcp builds on): Streamable HTTP, stateful, one
// McpServer + transport per session, on plain node:http, as its README wires it.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const EchoInput = z.object({ text: z.string() });
const transports = new Map();

function notFound(res) {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }));
}

async function openSession(req, res) {
  const server = new McpServer({ name: 'sdk-bench', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echo the text back', inputSchema: EchoInput }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  const transport = new NodeStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => transports.set(id, transport),
  });
  transport.onclose = () => transport.sessionId && transports.delete(transport.sessionId);
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

createServer((req, res) => {
  const sessionId = req.headers['mcp-session-id'];
  if (sessionId === undefined) return openSession(req, res);
  const transport = transports.get(sessionId);
  return transport ? transport.handleRequest(req, res) : notFound(res);
}).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
