import type { McpSession, McpTarget } from './mcp-target.js';

/** Opens `count` sessions with at most `concurrency` handshakes in flight. */
export async function openSessions(target: McpTarget, count: number, concurrency: number): Promise<McpSession[]> {
  const sessions: McpSession[] = [];
  let inFlight = 0;
  const opener = async () => {
    while (sessions.length + inFlight < count) {
      inFlight++;
      try {
        sessions.push(await target.openSession());
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, opener));
  return sessions;
}
