import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { McpAlsoOnCalls } from '../decorators/mcp-also-on-calls.decorator.js';
import { McpExecutionContext } from '../execution/mcp-execution-context.js';
import { principalKey } from '../common/principal.js';

/**
 * `@nestjs/throttler` for MCP: limits each principal (by `sub`, else by IP) per handler. On an
 * MCP call the handler is the tool, resource or prompt method, so `@Throttle()` / `@SkipThrottle()`
 * on it set that item's own limit; on the MCP HTTP route it limits the endpoint as a whole
 * (HTTP 429). A refused call becomes an MCP error (`isError` result for tools) saying so.
 * Register as `APP_GUARD` next to `ThrottlerModule.forRoot(...)`; it runs on the MCP routes and
 * on every call (`@McpAlsoOnCalls()`).
 *
 * @publicApi
 */
@Injectable()
@McpAlsoOnCalls()
export class McpThrottlerGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext): { req: Record<string, unknown>; res: Record<string, unknown> } {
    if (!McpExecutionContext.isMcp(context)) return super.getRequestResponse(context);
    // Many calls share one HTTP response (or none, over stdio): rate-limit headers have no place.
    const req = context.switchToHttp().getRequest<Record<string, unknown>>();
    return { req, res: {} };
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = principalKey(req.user);
    if (principal !== undefined) return `principal:${String(principal)}`;
    return typeof req.ip === 'string' ? `ip:${await super.getTracker(req)}` : 'anonymous';
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    if (!McpExecutionContext.isMcp(context)) return super.throwThrottlingException(context, detail);
    const what = `${context.getClass().name}.${context.getHandler().name}`;
    const exception = new ThrottlerException(`Rate limit exceeded for ${what}: at most ${detail.limit} calls per ${detail.ttl / 1000}s, retry in ${detail.timeToBlockExpire}s`);
    // Read by the REST routes for their `Retry-After` header.
    throw Object.assign(exception, { retryAfterSeconds: detail.timeToBlockExpire });
  }
}
