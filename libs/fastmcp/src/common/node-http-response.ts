import { ServerResponse } from 'node:http';

/**
 * The Node response behind what a platform hands a guard: Express's response is one; Fastify's
 * reply wraps one (`.raw`). A header set on it is sent with whatever the platform answers.
 */
export function nodeResponseOf(response: unknown): ServerResponse {
  const raw = (response as { raw?: unknown }).raw;
  return raw instanceof ServerResponse ? raw : (response as ServerResponse);
}
