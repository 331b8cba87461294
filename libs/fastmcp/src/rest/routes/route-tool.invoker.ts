import { Injectable, Optional, VersioningType } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { CallToolResult } from '@modelcontextprotocol/server';
import { listeningOrigin } from '../../http/listening-origin.js';
import type { McpContext } from '../../interfaces/mcp-context.interface.js';
import type { RouteDescription } from './route-description.js';

/** The largest answer a route may give a tool: past it the call fails instead of filling memory. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Headers of the MCP request passed on to the route: who the caller is, and how to answer. */
const FORWARDED_HEADERS = ['authorization', 'cookie', 'accept-language', 'x-request-id', 'traceparent', 'tracestate'];

/**
 * Calls a route as a tool: an HTTP request to the app's own listening server, with the MCP
 * caller's credentials, so the route's whole Nest pipeline runs (guards, pipes, interceptors,
 * filters) exactly as for its REST clients. A 2xx answer is the tool's result (a JSON object also
 * as `structuredContent`); any other status an `isError` result with the status and the message
 * the route's filter wrote.
 */
@Injectable()
export class RouteToolInvoker {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Optional() private readonly appConfig?: ApplicationConfig,
  ) {}

  async call(route: RouteDescription, args: Record<string, unknown>, ctx: McpContext): Promise<CallToolResult> {
    const origin = this.origin();
    if (!origin) return failure('The app is not listening on HTTP yet, so its routes cannot be called');
    const url = new URL(this.pathOf(route, args), origin);
    for (const name of [...route.query.map((query) => query.name), ...Object.keys(args)]) {
      const value = args[name];
      if (name === 'body' || route.params.includes(name) || value === undefined || url.searchParams.has(name)) continue;
      for (const each of Array.isArray(value) ? value : [value]) url.searchParams.append(name, typeof each === 'object' ? JSON.stringify(each) : String(each));
    }
    const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9, */*;q=0.1', 'x-mcp-tool': ctx.method === 'tools/call' ? 'route' : ctx.method };
    const incoming = ctx.request?.headers ?? {};
    for (const name of FORWARDED_HEADERS) {
      const value = incoming[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const hasBody = args.body !== undefined && route.httpMethod !== 'GET' && route.httpMethod !== 'HEAD';
    if (hasBody) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, { method: route.httpMethod, headers, body: hasBody ? JSON.stringify(args.body) : undefined, signal: ctx.signal, redirect: 'manual' });
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      return failure(`The route ${route.httpMethod} ${route.path} could not be called: ${(error as Error).message}`);
    }
    const text = await readBounded(response);
    if (text === undefined) return failure(`The route ${route.httpMethod} ${route.path} answered more than ${MAX_RESPONSE_BYTES} bytes`);
    const json = response.headers.get('content-type')?.includes('json') ? parseJson(text) : undefined;
    if (!response.ok) return failure(`${response.status} ${response.statusText}: ${messageOf(json) ?? text}`);
    if (json !== undefined && typeof json === 'object' && json !== null && !Array.isArray(json)) {
      return { content: [{ type: 'text', text }], structuredContent: json as Record<string, unknown> };
    }
    return { content: [{ type: 'text', text }] };
  }

  /** Where the app listens, as this process reaches it. */
  private origin(): string | undefined {
    return listeningOrigin(this.adapterHost, () => '127.0.0.1');
  }

  /** The route's path with its parameters filled in, under the app's global prefix and URI version. */
  private pathOf(route: RouteDescription, args: Record<string, unknown>): string {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(String(args[name] ?? '')));
    const prefix = (this.appConfig?.getGlobalPrefix() ?? '').replace(/^\/+|\/+$/g, '');
    const versioning = this.appConfig?.getVersioning();
    const version = versioning?.type === VersioningType.URI && route.version ? `${versioning.prefix === false ? '' : (versioning.prefix ?? 'v')}${route.version}` : '';
    return `/${[prefix, version, path.replace(/^\/+/, '')].filter(Boolean).join('/')}`;
  }
}

function failure(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `message` of a Nest error body (`{ statusCode, message, error }`), joined when it is a list. */
function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
}

async function readBounded(response: Response): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
