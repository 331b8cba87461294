export * from './mcp-module-options.interface.js';
export * from './mcp-tool-options.interface.js';
export * from './mcp-resource-options.interface.js';
export * from './mcp-prompt-options.interface.js';
export * from './schema-input.interface.js';
export * from './mcp-complete-options.interface.js';
export * from './mcp-task-options.interface.js';
