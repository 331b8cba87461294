import type { IncomingMessage } from 'node:http';

type RequestInit = () => void;

/**
 * Where a request carries an init still to run before app code sees it: a property, not a
 * `WeakMap` entry, whose ephemeron the collector would have to process for every request.
 */
const DEFERRED_INIT = Symbol('nestjs-fastmcp.deferredRequestInit');

type Deferring = IncomingMessage & { [DEFERRED_INIT]?: RequestInit };

/**
 * Marks a request taken ahead of its web framework (the fast path's front door): still a bare
 * Node request, which `init` makes what the framework would have handed the route.
 */
export function deferRequestInit(req: IncomingMessage, init: RequestInit): void {
  (req as Deferring)[DEFERRED_INIT] = init;
}

/** The request as app code may see it: its deferred init run, if it had one. */
export function completeRequestInit<T extends IncomingMessage>(req: T): T {
  const init = (req as Deferring)[DEFERRED_INIT];
  if (init) {
    (req as Deferring)[DEFERRED_INIT] = undefined;
    init();
  }
  return req;
}
