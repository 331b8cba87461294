import { Global, Module } from '@nestjs/common';
import { McpBodyErrorHandler } from './mcp-body-error.handler.js';
import { McpEndpointGuards } from './mcp-endpoint-guards.js';
import { McpHttpAdmission } from './mcp-http-admission.js';

/** What the HTTP transports share: admission of requests, the endpoint's guards, JSON-RPC answers to body errors. */
@Global()
@Module({
  providers: [McpHttpAdmission, McpEndpointGuards, McpBodyErrorHandler],
  exports: [McpHttpAdmission, McpEndpointGuards, McpBodyErrorHandler],
})
export class McpHttpModule {}
