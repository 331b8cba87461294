import { Inject, Injectable, Optional } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject } from '@nestjs/swagger';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { MCP_REST_OPTIONS, restBasePath, type ResolvedRestOptions } from '../mcp-rest.module-definition.js';
import { McpRestDispatcher } from '../mcp-rest.dispatcher.js';

type Schema = Record<string, unknown>;
type Operation = Record<string, unknown>;

interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Schema;
  outputSchema?: Schema;
  annotations?: Record<string, unknown>;
}

interface ListedPrompt {
  name: string;
  title?: string;
  description?: string;
  arguments?: { name: string; description?: string; required?: boolean }[];
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const PROBLEM_RESPONSE = (description: string) => ({ description, content: { 'application/problem+json': { schema: PROBLEM_REF } } });
const ERRORS = {
  '400': PROBLEM_RESPONSE('Invalid arguments (with the failing fields)'),
  '401': PROBLEM_RESPONSE('Authentication required'),
  '403': PROBLEM_RESPONSE('Forbidden'),
  '404': PROBLEM_RESPONSE('Not found, or not visible to the caller'),
  '429': PROBLEM_RESPONSE('Too many requests (see `Retry-After`)'),
  '500': PROBLEM_RESPONSE('Internal error'),
};
const CALL_ERRORS = { ...ERRORS, '422': PROBLEM_RESPONSE("The tool's own error (`isError`)"), '504': PROBLEM_RESPONSE('The tool timed out') };
const CURSOR = { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'The `nextCursor` of the previous page' };
const JSON_OBJECT = { type: 'object', additionalProperties: true };
const LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
const SESSION_PATH = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const CALL_PARAMETERS = [
  { name: 'MCP-REST-Session', in: 'header', required: false, schema: { type: 'string' }, description: 'A session (`POST /sessions`): its log level applies, its event stream gets the log messages' },
  { name: 'progress', in: 'query', required: false, schema: { type: 'boolean' }, description: "Report the call's progress on the session's event stream" },
];

/**
 * The OpenAPI 3.1 document of the REST face, built with `@nestjs/swagger`'s `DocumentBuilder`:
 * each tool is its own operation (`POST <prefix>/tools/<name>/call`, its input schema as the
 * request body, its output schema in the response, its annotations as `x-mcp-annotations`), and
 * each prompt its own `GET`. Built per request from what the caller may see, exactly as
 * `tools/list` and `prompts/list` answer them, so it follows the runtime catalog.
 */
@Injectable()
export class McpOpenApiDocumentFactory {
  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    @Inject(MCP_REST_OPTIONS) private readonly rest: ResolvedRestOptions,
    private readonly dispatcher: McpRestDispatcher,
    @Optional() private readonly appConfig?: ApplicationConfig,
  ) {}

  async create(req: McpHttpRequest): Promise<OpenAPIObject> {
    const [tools, prompts] = await Promise.all([this.all<ListedTool>(req, 'tools/list', 'tools'), this.all<ListedPrompt>(req, 'prompts/list', 'prompts')]);
    const base = restBasePath(this.appConfig?.getGlobalPrefix(), this.rest);
    const document = new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle(this.rest.openApi.title ?? this.options.title ?? this.options.name)
      .setVersion(this.options.version)
      .setDescription(this.rest.openApi.description ?? this.options.instructions ?? `The tools, resources and prompts of the ${this.options.name} MCP server, over REST.`)
      .build();
    const paths: Record<string, Record<string, Operation>> = {
      [`${base}/server`]: { get: op('getServer', 'The server: name, version, instructions, capabilities', {}, ok(JSON_OBJECT)) },
      [`${base}/tools`]: { get: op('listTools', 'The tools the caller may use, a page at a time', { parameters: [CURSOR] }, ok(JSON_OBJECT)) },
      [`${base}/resources`]: { get: op('listResources', 'The resources the caller may read', { parameters: [CURSOR] }, ok(JSON_OBJECT)) },
      [`${base}/resource-templates`]: { get: op('listResourceTemplates', 'The resource templates the caller may read', { parameters: [CURSOR] }, ok(JSON_OBJECT)) },
      [`${base}/resources/read`]: {
        get: op(
          'readResource',
          "A resource's contents; its own bytes and media type when `Accept` asks for that type",
          { parameters: [{ name: 'uri', in: 'query', required: true, schema: { type: 'string' } }] },
          ok(JSON_OBJECT),
        ),
      },
      [`${base}/prompts`]: { get: op('listPrompts', 'The prompts the caller may get', { parameters: [CURSOR] }, ok(JSON_OBJECT)) },
      [`${base}/complete`]: { post: op('complete', 'Completion of a prompt or resource-template argument', { requestBody: body(JSON_OBJECT) }, ok(JSON_OBJECT)) },
      [`${base}/sessions`]: { post: op('openSession', 'Opens a session: a log level, and an event stream for its calls', {}, { '201': { description: 'The session', content: { 'application/json': { schema: JSON_OBJECT } } } }) },
      [`${base}/sessions/{id}`]: { delete: op('closeSession', 'Ends a session', { parameters: [SESSION_PATH] }, { '204': { description: 'Ended' } }) },
      [`${base}/sessions/{id}/logging-level`]: {
        post: op('setLoggingLevel', 'The lowest level of log messages the session receives', { parameters: [SESSION_PATH], requestBody: body({ type: 'object', required: ['level'], properties: { level: { enum: LEVELS } } }) }, ok(JSON_OBJECT)),
      },
      [`${base}/events`]: {
        get: op(
          'events',
          'Server-sent events of a session: `progress` and `log` of its calls, `list_changed`, `resource_updated`',
          { parameters: [{ name: 'session', in: 'query', required: true, schema: { type: 'string' } }] },
          { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
        ),
      },
    };
    for (const tool of tools) paths[`${base}/tools/${encodeURIComponent(tool.name)}/call`] = { post: this.toolOperation(tool) };
    for (const prompt of prompts) paths[`${base}/prompts/${encodeURIComponent(prompt.name)}`] = { get: this.promptOperation(prompt) };
    return {
      ...document,
      paths: paths as OpenAPIObject['paths'],
      components: {
        ...document.components,
        schemas: {
          Problem: {
            type: 'object',
            description: 'RFC 9457 problem details',
            required: ['type', 'title', 'status'],
            properties: {
              type: { type: 'string' },
              title: { type: 'string' },
              status: { type: 'integer' },
              detail: { type: 'string' },
              instance: { type: 'string' },
              errors: { type: 'array', items: { type: 'object', properties: { detail: { type: 'string' }, pointer: { type: 'string' } }, required: ['detail'] } },
            },
          },
        },
      },
    };
  }

  private toolOperation(tool: ListedTool): Operation {
    const result = {
      type: 'object',
      properties: {
        content: { type: 'array', items: JSON_OBJECT },
        ...(tool.outputSchema ? { structuredContent: openApiSchema(tool.outputSchema) } : {}),
      },
      required: ['content'],
    };
    return {
      operationId: `callTool_${operationName(tool.name)}`,
      summary: tool.title ?? tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      tags: ['tools'],
      parameters: CALL_PARAMETERS,
      requestBody: body(openApiSchema(tool.inputSchema)),
      responses: { '200': { description: 'The tool result', content: { 'application/json': { schema: result } } }, ...CALL_ERRORS },
      ...(tool.annotations ? { 'x-mcp-annotations': tool.annotations } : {}),
    };
  }

  private promptOperation(prompt: ListedPrompt): Operation {
    return {
      operationId: `getPrompt_${operationName(prompt.name)}`,
      summary: prompt.title ?? prompt.name,
      ...(prompt.description ? { description: prompt.description } : {}),
      tags: ['prompts'],
      parameters: (prompt.arguments ?? []).map((argument) => ({
        name: argument.name,
        in: 'query',
        required: argument.required === true,
        schema: { type: 'string' },
        ...(argument.description ? { description: argument.description } : {}),
      })),
      responses: { '200': { description: 'The prompt messages', content: { 'application/json': { schema: JSON_OBJECT } } }, ...ERRORS },
    };
  }

  /** Every page of a list, as the caller sees it. */
  private async all<T>(req: McpHttpRequest, method: string, key: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1_000; page++) {
      const answer = await this.dispatcher.request(req, method, cursor ? { cursor } : {});
      if (!answer.result) break;
      items.push(...((answer.result[key] as T[] | undefined) ?? []));
      cursor = answer.result.nextCursor as string | undefined;
      if (!cursor) break;
    }
    return items;
  }
}

function op(operationId: string, summary: string, extra: Operation, responses: Operation): Operation {
  return { operationId, summary, ...extra, responses: { ...responses, ...ERRORS } };
}

function ok(schema: Schema): Operation {
  return { '200': { description: 'OK', content: { 'application/json': { schema } } } };
}

function body(schema: Schema): Operation {
  return { required: true, content: { 'application/json': { schema } } };
}

/** An operation id of letters, digits and underscores. */
function operationName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * A tool's JSON Schema as an OpenAPI 3.1 Schema Object. 3.1 schemas are JSON Schema 2020-12, so
 * it is kept as is but for `$schema` (the document's dialect applies) and `$id`, which would
 * make references resolve against another base.
 */
function openApiSchema(schema: Schema): Schema {
  const { $schema, $id, ...rest } = schema;
  void $schema;
  void $id;
  return rest;
}
