import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { McpHttpExchange } from '../common/mcp-http-exchange.js';
import type { McpTestClientOptions } from './mcp-test-client-options.interface.js';

/**
 * The HTTP exchange every call of an in-memory connection stands on: a request carrying the
 * test's principal and headers, as an authentication guard would have left it, so app guards
 * that read `switchToHttp().getRequest()` work unchanged. It has no response and never
 * disconnects: the connection's `close()` ends it.
 */
export function callerExchange({ user, headers = {} }: Pick<McpTestClientOptions, 'user' | 'headers'>): McpHttpExchange {
  const request = {
    method: 'POST',
    url: '/',
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
    user,
  };
  return new McpHttpExchange(request as unknown as McpHttpRequest);
}
