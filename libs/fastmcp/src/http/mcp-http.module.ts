import { Global, Module } from '@nestjs/common';
import { McpBodyErrorHandler } from './mcp-body-error.handler.js';
import { McpEndpointGuards } from './mcp-endpoint-guards.js';
import { McpHttpAdmission } from './mcp-http-admission.js';
import { McpRequestGate } from './mcp-request-gate.js';

/** What the HTTP transports share: admission of requests (before and after the app's body parsers), the endpoint's guards, JSON-RPC answers to body errors. */
@Global()
@Module({
  providers: [McpHttpAdmission, McpEndpointGuards, McpBodyErrorHandler, McpRequestGate],
  exports: [McpHttpAdmission, McpEndpointGuards, McpBodyErrorHandler, McpRequestGate],
})
export class McpHttpModule {}
