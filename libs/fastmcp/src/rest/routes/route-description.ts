import { RequestMethod, type Type } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import { METHOD_METADATA, PATH_METADATA, ROUTE_PARAM, routeArgumentsOf, VERSION_METADATA } from '../../internals/nest-route-metadata.js';

/** What an MCP tool needs to know of a controller route. */
export interface RouteDescription {
  readonly controller: Type;
  readonly method: string;
  /** `GET`, `POST`… */
  readonly httpMethod: string;
  /** Controller and method paths joined, with `:params` (no global prefix, no version). */
  readonly path: string;
  readonly version?: string;
  /** Names of the path's `:params`. */
  readonly params: string[];
  /** `@Query('name')` parameters, with the JSON type of their declared TypeScript type. */
  readonly query: { name: string; type: 'string' | 'number' | 'boolean' }[];
  /** `@Query()` of a DTO class: its properties are query parameters. */
  readonly queryDto?: Type;
  /** `@Body()`: a DTO class, or any JSON (`true`); undefined without a body. */
  readonly body?: Type | true;
  /** `@ApiOperation()` of `@nestjs/swagger`, when present. */
  readonly operation?: { summary?: string; description?: string };
}

const JSON_TYPES = new Map<unknown, 'string' | 'number' | 'boolean'>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
]);

/** A DTO class, as opposed to `Object` or a primitive's wrapper. */
function isDto(type: unknown): type is Type {
  return typeof type === 'function' && type !== Object && !JSON_TYPES.has(type) && type !== Array;
}

function joinPaths(...parts: unknown[]): string {
  const segments = parts.flatMap((part) => (Array.isArray(part) ? [part[0]] : [part])).filter((part): part is string => typeof part === 'string' && part.length > 0);
  return `/${segments.map((segment) => segment.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
}

/** Reads a route from the metadata Nest's decorators wrote on the controller and its method. */
export function describeRoute(controller: Type, method: string): RouteDescription {
  const handler = (controller.prototype as Record<string, Function>)[method]!;
  const path = joinPaths(Reflect.getMetadata(PATH_METADATA, controller), Reflect.getMetadata(PATH_METADATA, handler));
  const verb = RequestMethod[(Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined) ?? RequestMethod.GET];
  const version = (Reflect.getMetadata(VERSION_METADATA, handler) ?? Reflect.getMetadata(VERSION_METADATA, controller)) as unknown;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
  const query: RouteDescription['query'] = [];
  let queryDto: Type | undefined;
  let body: Type | true | undefined;
  for (const argument of routeArgumentsOf(controller, method)) {
    const type = types[argument.index];
    if (argument.type === ROUTE_PARAM.QUERY) {
      if (argument.data) query.push({ name: argument.data, type: JSON_TYPES.get(type) ?? 'string' });
      else if (isDto(type)) queryDto = type;
    } else if (argument.type === ROUTE_PARAM.BODY) {
      body = !argument.data && isDto(type) ? type : true;
    }
  }
  return {
    controller,
    method,
    httpMethod: verb === 'ALL' ? 'POST' : verb,
    path,
    version: typeof version === 'string' ? version : Array.isArray(version) && typeof version[0] === 'string' ? version[0] : undefined,
    params: [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!),
    query,
    queryDto,
    body,
    operation: Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as RouteDescription['operation'],
  };
}
