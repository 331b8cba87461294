export { McpThrottlerGuard } from './mcp-throttler.guard.js';
