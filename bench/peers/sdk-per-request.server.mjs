// The bare official SDK (v2) in 2026-07-28 per-request mode: `createMcpHandler` builds a server
// per request (no sessions), served on plain node:http. Not run by default: pick it with
// `--servers sdk-2026` to compare our per-request mode with the SDK's own.
import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const EchoInput = z.object({ text: z.string() });
const handler = createMcpHandler(() => {
  const server = new McpServer({ name: 'sdk-per-request-bench', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echo the text back', inputSchema: EchoInput }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  return server;
});

createServer(toNodeHandler(handler)).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
