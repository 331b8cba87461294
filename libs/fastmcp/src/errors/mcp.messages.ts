/**
 * The messages of the library's errors, in one place: what operators read in logs and clients
 * read in answers. Client-facing messages of refusals are the same whether an item is unknown
 * or hidden by the access policy.
 */

// Configuration, at bootstrap.
export const optionRequired = (owner: string, option: string, what: string) => `${owner}: \`${option}\` is required (${what})`;
export const positiveInteger = (owner: string, option: string, value: unknown) => `${owner}: \`${option}\` must be a positive integer, got ${String(value)}`;
export const oneOf = (owner: string, option: string, allowed: readonly string[], value: unknown) =>
  `${owner}: \`${option}\` must be one of ${allowed.map((choice) => `'${choice}'`).join(', ')}; got ${String(value)}`;
export const duplicateItem = (noun: string, key: string, first: string, second: string) => `Duplicate MCP ${noun} "${key}": declared by ${first} and by ${second}`;
export const duplicateCompletion = (kind: string, ref: string, argument: string, first: string, second: string) =>
  `Duplicate MCP completion for ${kind} "${ref}" argument "${argument}": ${first} and ${second}`;
export const completionTargetMissing = (source: string, what: string, name: string) => `${source}: @McpComplete names ${what} "${name}", which does not exist`;
export const unsupportedSchema = (owner: string) => `${owner}: expected a Standard Schema (zod, valibot, arktype ...), a class-validator DTO class or a JSON Schema object`;
export const invalidJsonSchema = (owner: string, io: string, detail: string) => `${owner}: the ${io} JSON Schema is invalid: ${detail}`;
export const schemaNotObject = (owner: string, io: string, type: unknown) => `${owner}: the ${io} schema must describe an object, got type ${JSON.stringify(type)}`;
export const schemaWithoutJsonSchema = (owner: string, io: string, vendor: string) =>
  `${owner}: the ${vendor} ${io} schema cannot describe itself as JSON Schema (Standard JSON Schema)${vendor === 'valibot' ? ': wrap it with toStandardJsonSchema() from @valibot/to-json-schema' : '; use zod >= 4.2, arktype, a class-validator DTO or a JSON Schema object'}`;
export const invalidUriTemplate = (owner: string, template: string, detail: string) => `${owner}: invalid uriTemplate "${template}": ${detail}`;
export const notAbsoluteUri = (owner: string, uri: unknown) => `${owner}: "${String(uri)}" is not an absolute URI`;

// Requests, answered to clients.
export const toolNotFound = (name: string) => `Tool ${name} not found`;
export const promptNotFound = (name: string) => `Prompt ${name} not found`;
export const resourceTemplateNotFound = (uri: string) => `Resource template ${uri} not found`;
export const taskNotFound = (taskId: string) => `Task ${taskId} not found`;
export const invalidParams = (detail: string) => `Invalid params: ${detail}`;
export const invalidToolArguments = (tool: string, detail: string) => `Invalid arguments for tool ${tool}: ${detail}`;
export const invalidPromptArguments = (prompt: string, detail: string) => `Invalid arguments for prompt ${prompt}: ${detail}`;
export const invalidToolOutput = (tool: string, detail: string) => `Output validation error for tool ${tool}: ${detail}`;
export const toolTimedOut = (tool: string, ms: number | undefined) => `Tool ${tool} timed out after ${ms} ms`;
export const INVALID_REQUEST_STATE = 'Invalid or expired requestState';
export const SESSION_NOT_FOUND = 'Session not found';
export const SERVER_NOT_INITIALIZED = 'Bad Request: Server not initialized';
export const SESSION_ID_REQUIRED = 'Bad Request: Mcp-Session-Id header is required';
export const FORBIDDEN = 'Forbidden resource';
export const INTERNAL_ERROR = 'Internal error';
