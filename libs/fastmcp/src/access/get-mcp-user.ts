import type { ArgumentsHost } from '@nestjs/common';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { McpExecutionContext } from '../execution/mcp-execution-context.js';

/**
 * The authenticated principal of a call, for guards, interceptors and filters that serve both
 * MCP handlers (`ctx.user`) and HTTP routes (`req.user`); `undefined` elsewhere.
 *
 * @publicApi
 */
export function getMcpUser<TUser = unknown>(host: ArgumentsHost): TUser | undefined {
  if (McpExecutionContext.isMcp(host)) return McpExecutionContext.create(host).getUser<TUser>();
  if (host.getType() === 'http') return host.switchToHttp().getRequest<McpHttpRequest>().user as TUser | undefined;
  return undefined;
}
