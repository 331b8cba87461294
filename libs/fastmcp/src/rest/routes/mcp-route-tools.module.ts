import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RouteToolInvoker } from './route-tool.invoker.js';
import { RouteToolsExplorer } from './route-tools.explorer.js';

/**
 * Offers the app's routes marked `@McpToolFromRoute()` as MCP tools. `McpRestModule` imports it;
 * an app that wants only this direction imports it next to `McpModule`.
 *
 * @publicApi
 */
@Module({ imports: [DiscoveryModule], providers: [RouteToolInvoker, RouteToolsExplorer] })
export class McpRouteToolsModule {}
