import { SetMetadata } from '@nestjs/common';
import type { ToolAnnotations } from '@modelcontextprotocol/server';

export const MCP_ROUTE_TOOL = 'nestjs-fastmcp:route-tool';

/** @publicApi */
export interface McpToolFromRouteOptions {
  /** Default: the controller method's name. */
  name?: string;
  title?: string;
  /** Default: the route's `@ApiOperation({ summary, description })`, else `<METHOD> <path>`. */
  description?: string;
  annotations?: ToolAnnotations;
  /** How long the route may take; default the module's `toolTimeoutMs`. */
  timeoutMs?: number;
}

/**
 * Offers an existing controller route to MCP clients as a tool. Its input schema comes from the
 * route's path parameters, query and body DTO; a call is an HTTP request to the route itself, so
 * its guards, pipes, interceptors and filters run as for any client.
 *
 * ```ts
 * @McpToolFromRoute({ description: 'Create a note' })
 * @Post(':folder/notes')
 * create(@Param('folder') folder: string, @Body() note: CreateNoteDto) { … }
 * ```
 *
 * @publicApi
 */
export const McpToolFromRoute = (options: McpToolFromRouteOptions = {}): MethodDecorator => SetMetadata(MCP_ROUTE_TOOL, options);
