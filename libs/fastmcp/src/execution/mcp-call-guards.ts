import { Inject, Injectable, type CanActivate } from '@nestjs/common';
import { ApplicationConfig, Reflector } from '@nestjs/core';
import { MCP_ALSO_ON_CALLS_METADATA, MCP_CALLS_ONLY_METADATA } from '../common/mcp.constants.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';

/**
 * Which guards run on an MCP call. The app's global guards run on the MCP HTTP routes like on
 * any route (once per HTTP request, `context.getType() === 'http'`); on the calls that request
 * carries they run again only when they ask to (`@McpCallsOnly()`, `@McpAlsoOnCalls()`) or the
 * app asks for all of them (`globalGuardsOnCalls: true`). The handler's own guards (class and
 * method `@UseGuards()`) always run.
 */
@Injectable()
export class McpCallGuards {
  constructor(
    private readonly config: ApplicationConfig,
    private readonly reflector: Reflector,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
  ) {}

  /** The guards Nest collected for a handler (global ones first), without the global ones that stay on the routes. */
  select<G extends CanActivate>(guards: G[]): G[] {
    if (this.options.globalGuardsOnCalls || guards.length === 0) return guards;
    const global = new Set<unknown>(this.config.getGlobalGuards());
    const requestScoped = new Set<unknown>(this.config.getGlobalRequestGuards().map((wrapper) => wrapper.metatype));
    return guards.filter((guard) => !(global.has(guard) || requestScoped.has(guard.constructor)) || this.runsOnCalls(guard.constructor));
  }

  /** Global guards that stay on the routes: what a handler's metadata meant for them would be lost on. */
  routeOnlyGlobalGuards(): Function[] {
    if (this.options.globalGuardsOnCalls) return [];
    const classes = [...this.config.getGlobalGuards().map((guard) => guard.constructor), ...this.config.getGlobalRequestGuards().map((wrapper) => wrapper.metatype as Function)];
    return classes.filter((type) => type && !this.runsOnCalls(type));
  }

  private runsOnCalls(type: Function): boolean {
    return this.reflector.get<boolean | undefined>(MCP_CALLS_ONLY_METADATA, type) === true || this.reflector.get<boolean | undefined>(MCP_ALSO_ON_CALLS_METADATA, type) === true;
  }
}
