/**
 * Where Nest's HTTP decorators keep a route's metadata (`@Controller`, `@Get`…, `@Body`,
 * `@Param`, `@Query`, `@Version`): keys of `@nestjs/common`'s constants module, which the
 * package root does not export. `probeRouteMetadata` checks them on a decorated class at
 * bootstrap, so a change upstream fails loudly instead of reading nothing.
 */
import { Body, Controller, Get, Param, Query, RequestMethod } from '@nestjs/common';

export const PATH_METADATA = 'path';
export const METHOD_METADATA = 'method';
export const VERSION_METADATA = '__version__';
export const ROUTE_ARGS_METADATA = '__routeArguments__';

/** `RouteParamtypes` of `@nestjs/common`: the kinds of route parameters read here. */
export const ROUTE_PARAM = { BODY: 3, QUERY: 4, PARAM: 5 } as const;

/** One decorated parameter of a route handler. */
export interface RouteArgument {
  readonly type: number;
  readonly index: number;
  /** The name given to the decorator (`@Param('id')`), if any. */
  readonly data?: string;
}

/** The decorated parameters of `controller.prototype[method]`. */
export function routeArgumentsOf(controller: Function, method: string): RouteArgument[] {
  const raw = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
  return Object.entries(raw).map(([key, value]) => ({
    type: Number(key.split(':')[0]),
    index: value.index,
    data: typeof value.data === 'string' ? value.data : undefined,
  }));
}

/** Throws when Nest's decorators no longer write what this module reads. */
export function probeRouteMetadata(): void {
  @Controller('probe')
  class ProbeController {
    @Get('item/:id')
    item(@Param('id') _id: string, @Query('q') _q: string, @Body() _body: unknown) {
      return undefined;
    }
  }
  const handler = ProbeController.prototype.item;
  const args = routeArgumentsOf(ProbeController, 'item');
  const ok =
    Reflect.getMetadata(PATH_METADATA, ProbeController) === 'probe' &&
    Reflect.getMetadata(PATH_METADATA, handler) === 'item/:id' &&
    Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.GET &&
    args.some((arg) => arg.type === ROUTE_PARAM.PARAM && arg.data === 'id' && arg.index === 0) &&
    args.some((arg) => arg.type === ROUTE_PARAM.QUERY && arg.data === 'q' && arg.index === 1) &&
    args.some((arg) => arg.type === ROUTE_PARAM.BODY && arg.index === 2);
  if (!ok) throw new Error("Nest's route metadata changed shape: @McpToolFromRoute cannot read routes; please report it");
}
