import type { IncomingMessage } from 'node:http';

type ExpressInit = () => void;

/**
 * Where a request carries its deferred init: a property, not a `WeakMap` entry, whose
 * ephemeron the collector would have to process for every request.
 */
const DEFERRED_INIT = Symbol('nestjs-fastmcp.deferredExpressInit');

type Deferring = IncomingMessage & { [DEFERRED_INIT]?: ExpressInit };

/**
 * Marks a request the front door took past Express: it is still a bare Node request, and
 * `init` makes it what Express would have handed the route. Turning a request into an Express
 * one (`Object.setPrototypeOf` on it and its response) costs more than our whole `tools/call`
 * dispatch, so it waits until app code asks for the request.
 */
export function deferExpressInit(req: IncomingMessage, init: ExpressInit): void {
  (req as Deferring)[DEFERRED_INIT] = init;
}

/** The request as app code may see it: an Express request, whichever way it came in. */
export function completeExpressInit<T extends IncomingMessage>(req: T): T {
  const init = (req as Deferring)[DEFERRED_INIT];
  if (init) {
    (req as Deferring)[DEFERRED_INIT] = undefined;
    init();
  }
  return req;
}
