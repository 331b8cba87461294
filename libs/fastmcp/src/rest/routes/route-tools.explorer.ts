import { Injectable, Logger, type OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { probeRouteMetadata } from '../../internals/nest-route-metadata.js';
import { buildToolDefinition } from '../../registry/definition.builder.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { MCP_ROUTE_TOOL, type McpToolFromRouteOptions } from './mcp-tool-from-route.decorator.js';
import { describeRoute } from './route-description.js';
import { routeInputSchema } from './route-input.schema.js';
import { RouteToolInvoker } from './route-tool.invoker.js';

/**
 * Finds the controller methods marked `@McpToolFromRoute()` and registers each as a tool whose
 * input schema describes the route and whose call is the route's own HTTP request. The input is
 * checked only for being an object: the route's pipes validate it, with their own messages.
 */
@Injectable()
export class RouteToolsExplorer implements OnModuleInit {
  private readonly logger = new Logger('McpRouteTools');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly registry: McpRegistry,
    private readonly invoker: RouteToolInvoker,
  ) {}

  onModuleInit(): void {
    const found: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller?.prototype) continue;
      for (const method of this.scanner.getAllMethodNames(controller.prototype)) {
        const options = this.reflector.get<McpToolFromRouteOptions | undefined>(MCP_ROUTE_TOOL, (controller.prototype as Record<string, Function>)[method]!);
        if (!options) continue;
        if (found.length === 0) probeRouteMetadata();
        found.push(this.register(controller, method, options));
      }
    }
    if (found.length > 0) this.logger.log(`Routes offered as tools: ${found.join(', ')}`);
  }

  private register(controller: Type, method: string, options: McpToolFromRouteOptions): string {
    const route = describeRoute(controller, method);
    const name = options.name ?? method;
    const source = `${controller.name}.${method} (${route.httpMethod} ${route.path})`;
    const description = options.description ?? ([route.operation?.summary, route.operation?.description].filter(Boolean).join('. ') || `${route.httpMethod} ${route.path}`);
    const jsonSchema = routeInputSchema(route);
    const definition = buildToolDefinition(
      { name, title: options.title, description, annotations: options.annotations, timeoutMs: options.timeoutMs },
      (args, ctx) => this.invoker.call(route, args as Record<string, unknown>, ctx),
      source,
    );
    this.registry.registerTool({
      ...definition,
      descriptor: { ...definition.descriptor, inputSchema: jsonSchema as typeof definition.descriptor.inputSchema },
      input: {
        jsonSchema,
        validate: (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? { ok: true, value } : { ok: false, message: 'arguments must be an object' }),
      },
    });
    return `${name} → ${route.httpMethod} ${route.path}`;
  }
}
