import { Global, Module } from '@nestjs/common';
import { McpBodyErrorHandler } from './mcp-body-error.handler.js';
import { McpEndpointGuards } from './mcp-endpoint-guards.js';
import { McpHttpAdmission } from './mcp-http-admission.js';
import { McpRequestGate } from './mcp-request-gate.js';
import { McpHttpPlatformHost } from './platform/mcp-http-platform.host.js';

/** What the HTTP transports share: admission of requests (before and after the app's body parsers), the endpoint's guards, JSON-RPC answers to body errors, the app's HTTP platform. */
@Global()
@Module({
  providers: [McpHttpAdmission, McpEndpointGuards, McpBodyErrorHandler, McpRequestGate, McpHttpPlatformHost],
  exports: [McpHttpAdmission, McpEndpointGuards, McpBodyErrorHandler, McpRequestGate, McpHttpPlatformHost],
})
export class McpHttpModule {}
