// fastmcp (punkpeye) 4.20: its own HTTP stream server (mcp-proxy), stateful sessions, JSON
// responses instead of SSE, everything else at its defaults.
import { FastMCP } from 'fastmcp';
import { z } from 'zod';

const server = new FastMCP({ name: 'fastmcp-bench', version: '1.0.0' });
server.addTool({
  name: 'echo',
  description: 'Echo the text back',
  parameters: z.object({ text: z.string() }),
  execute: async ({ text }) => text,
});
await server.start({
  transportType: 'httpStream',
  httpStream: { port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1', endpoint: '/mcp', enableJsonResponse: true },
});
