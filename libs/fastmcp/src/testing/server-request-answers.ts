import type { Client } from '@modelcontextprotocol/client';
import type { McpTestAnswer, McpTestClientOptions } from './mcp-test-client-options.interface.js';

function answer<Request, Answer>(given: McpTestAnswer<Request, Answer>, request: Request): Answer | Promise<Answer> {
  return typeof given === 'function' ? (given as (request: Request) => Answer | Promise<Answer>)(request) : given;
}

/**
 * Answers the requests handlers send the client (`ctx.elicit()`, `ctx.sample()`,
 * `ctx.listRoots()`) with the test's values. On a 2026-07-28 connection the same handlers
 * fulfil the server's `input_required` rounds: the client retries the call with the answers.
 */
export function answerServerRequests(client: Client, { elicit, sample, roots }: Pick<McpTestClientOptions, 'elicit' | 'sample' | 'roots'>): void {
  if (elicit !== undefined) client.setRequestHandler('elicitation/create', (request) => answer(elicit, request.params));
  if (sample !== undefined) client.setRequestHandler('sampling/createMessage', (request) => answer(sample, request.params));
  if (roots !== undefined) client.setRequestHandler('roots/list', () => ({ roots }));
}
