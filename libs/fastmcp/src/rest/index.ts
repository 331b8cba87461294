export { McpRestModule } from './mcp-rest.module.js';
export type { McpRestOptions } from './mcp-rest-options.interface.js';
export type { McpProblem } from './problem/problem-details.js';
