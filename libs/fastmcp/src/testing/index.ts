// `nestjs-fastmcp/testing`: an MCP client connected in memory to a Nest testing module.
export { createMcpTestClient } from './create-mcp-test-client.js';
export { McpTestClient, type McpTestCallOptions } from './mcp-test-client.js';
export { McpTestNotifications, type McpReceivedNotification } from './mcp-test-notifications.js';
export type { McpTestAnswer, McpTestClientOptions, McpTestEra } from './mcp-test-client-options.interface.js';
