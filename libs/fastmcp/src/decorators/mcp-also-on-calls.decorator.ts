import { SetMetadata } from '@nestjs/common';
import { MCP_ALSO_ON_CALLS_METADATA } from '../common/mcp.constants.js';

/**
 * Marks a global guard (`APP_GUARD`, `useGlobalGuards()`) that also runs on every MCP call
 * (`context.getType() === 'mcp'`: tool calls, resource reads, prompts, completions), besides
 * the HTTP routes it runs on like any global guard. Global guards without it run once per HTTP
 * request on the MCP endpoint, not again per call. Typical: a roles guard that reads metadata
 * from the handler, which on a call is the tool's method.
 *
 * @publicApi
 */
export const McpAlsoOnCalls = (): ClassDecorator => SetMetadata(MCP_ALSO_ON_CALLS_METADATA, true);
