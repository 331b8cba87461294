import { SetMetadata } from '@nestjs/common';
import { MCP_CALLS_ONLY_METADATA } from '../common/mcp.constants.js';

/**
 * Marks a global guard or interceptor class as acting on MCP calls only: it runs on every MCP
 * call and lets every non-MCP context through untouched itself (as
 * `McpExecutionContext.isMcp(context)` tells). The MCP HTTP routes then need not run it, so
 * such an enhancer does not stop the endpoint being served ahead of Express.
 *
 * @publicApi
 */
export const McpCallsOnly = (): ClassDecorator => SetMetadata(MCP_CALLS_ONLY_METADATA, true);
