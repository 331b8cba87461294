/**
 * The ceiling: plain `node:http` doing the least a correct MCP server can do (see
 * `answerFixed`). Whatever it costs per call, no MCP server can beat.
 */
import { createServer } from 'node:http';
import { answerFixed, type FixedAnswerMessage } from './fixed-answer.js';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let message: FixedAnswerMessage;
    try {
      message = JSON.parse(Buffer.concat(chunks).toString()) as FixedAnswerMessage;
    } catch {
      res.writeHead(400).end();
      return;
    }
    answerFixed(req.headers['mcp-session-id'], message, res);
  });
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
