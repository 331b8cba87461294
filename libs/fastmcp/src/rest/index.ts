export { McpRestModule } from './mcp-rest.module.js';
export type { McpRestOptions } from './mcp-rest-options.interface.js';
export type { McpProblem } from './problem/problem-details.js';
// Existing routes as tools
export { McpToolFromRoute, type McpToolFromRouteOptions } from './routes/mcp-tool-from-route.decorator.js';
export { McpRouteToolsModule } from './routes/mcp-route-tools.module.js';
