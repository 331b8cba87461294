import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planFrontDoor, type ExpressLayer, type KnownLayers } from './express-route-stack.js';

const bodyErrors = (_error: unknown, _req: unknown, _res: unknown, _next: unknown) => undefined;
const hook = (_req: unknown, _res: unknown, _next: unknown) => undefined;
const KNOWN: KnownLayers = { isAdapterHook: (layer) => layer.handle === hook, bodyErrorMiddleware: bodyErrors };

function middleware(name: string, path = '/'): ExpressLayer {
  const handle = { [name]: (_req: unknown, _res: unknown, _next: unknown) => undefined }[name]!;
  return { name, handle, match: (candidate) => candidate.startsWith(path) };
}

function route(path: string, method: string): ExpressLayer {
  return { name: 'handle', handle: (_req: unknown, _res: unknown, _next: unknown) => undefined, route: { path, methods: { [method]: true } }, match: (candidate) => candidate === path };
}

const errorHandler = (handle: ExpressLayer['handle'] = bodyErrors): ExpressLayer => ({ name: 'errorHandler', handle, match: () => true });
const nestDefaults = (): ExpressLayer[] => [{ name: '<anonymous>', handle: hook, match: () => true }, middleware('jsonParser'), middleware('urlencodedParser')];

describe('planFrontDoor', () => {
  it("plans Nest's default stack: the route's path and the app's own parsers, in order", () => {
    const stack = [...nestDefaults(), route('/mcp', 'post'), route('/mcp', 'get'), errorHandler()];
    const plan = planFrontDoor(stack, ['/mcp'], KNOWN);
    assert.ok(typeof plan !== 'string', String(plan));
    assert.equal(plan.path, '/mcp');
    assert.deepEqual(
      plan.parsers.map((parser) => parser.name),
      ['jsonParser', 'urlencodedParser'],
    );
  });

  it('finds the route under a global prefix, and ignores routes and middleware elsewhere', () => {
    const stack = [...nestDefaults(), middleware('adminOnly', '/admin'), route('/api/users', 'post'), route('/api/mcp', 'post'), errorHandler()];
    const plan = planFrontDoor(stack, ['/api/mcp', '/mcp'], KNOWN);
    assert.ok(typeof plan !== 'string', String(plan));
    assert.equal(plan.path, '/api/mcp');
  });

  it('refuses when middleware runs on the path first (CORS, helmet, Nest middleware)', () => {
    const stack = [...nestDefaults(), middleware('corsMiddleware'), route('/mcp', 'post'), errorHandler()];
    assert.match(String(planFrontDoor(stack, ['/mcp'], KNOWN)), /corsMiddleware/);
  });

  it('refuses when another route answers POST on the path first', () => {
    const stack = [...nestDefaults(), route('/mcp', 'post'), route('/mcp', 'post'), errorHandler()];
    stack[3]!.route!.path = /^\/mcp$/; // a RegExp route: not ours, but it matches
    assert.match(String(planFrontDoor(stack, ['/mcp'], KNOWN)), /another route/);
  });

  it('refuses when an error handler other than ours would see a parser error first', () => {
    const stack = [...nestDefaults(), errorHandler((_e: unknown, _q: unknown, _s: unknown, _n: unknown) => undefined), route('/mcp', 'post'), errorHandler()];
    assert.match(String(planFrontDoor(stack, ['/mcp'], KNOWN)), /error handler/);
    assert.match(String(planFrontDoor([...nestDefaults(), route('/mcp', 'post')], ['/mcp'], KNOWN)), /body-error handler is not installed/);
  });

  it('refuses when there is no POST route at the path', () => {
    assert.match(String(planFrontDoor([...nestDefaults(), route('/mcp', 'get'), errorHandler()], ['/mcp'], KNOWN)), /no POST route/);
  });
});
