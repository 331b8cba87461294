import { randomUUID } from 'node:crypto';
import {
  CLIENT_CAPABILITIES_META_KEY,
  inputRequired,
  MissingRequiredClientCapabilityError,
  type ClientCapabilities,
  type CreateMessageRequestParams,
  type CreateMessageResult,
  type ElicitRequestFormParams,
  type ElicitResult,
  type InputRequest,
  type InputRequiredResult,
  type ListRootsResult,
  type Root,
  type SamplingMessage,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { McpClientCapabilityError } from '../errors/mcp-client-capability.error.js';
import { McpUserError } from '../errors/mcp-user-error.js';
import type { CompiledSchema } from '../schema/compiled-schema.js';
import { compileSchema } from '../schema/schema-compiler.js';
import { McpInputRequiredSignal } from './input-required.signal.js';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import type { McpAskOptions, McpElicitation, McpElicitSchema, McpSampleOptions } from '../interfaces/mcp-context.interface.js';
import { McpRound } from './request-round.js';
import type { McpRequestStateCodec } from './request-state.codec.js';

type RequestedSchema = ElicitRequestFormParams['requestedSchema'];
type AnswerCheck = (answer: unknown) => boolean;

const compiledElicitSchemas = new WeakMap<object, CompiledSchema>();

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const ELICIT_ANSWER: AnswerCheck = (a) => isObject(a) && ['accept', 'decline', 'cancel'].includes(a.action as string);
const SAMPLE_ANSWER: AnswerCheck = (a) => isObject(a) && typeof a.role === 'string' && a.content !== undefined;
const ROOTS_ANSWER: AnswerCheck = (a) => isObject(a) && Array.isArray(a.roots);

/** A wire-ready JSON Schema (passed through untouched) rather than a zod schema or DTO class. */
function isJsonSchemaObject(schema: McpElicitSchema): schema is RequestedSchema {
  return typeof schema === 'object' && schema !== null && !('~standard' in schema) && (schema as { type?: unknown }).type === 'object';
}

/**
 * Questions a handler asks the client. One call site serves both eras: on a legacy session the
 * question is a server-to-client request on the call's stream; on 2026-07-28 it unwinds the
 * handler into an `InputRequiredResult` and the retried request carries the answer. Answers
 * are keyed by the order of the questions, so a handler must ask them in the same order on
 * every round.
 */
export class ClientRequests {
  private asked = 0;
  private answers?: Record<string, unknown>;
  /** Questions of this round without an answer; concurrent asks (`Promise.all`) all land here. */
  private readonly pending: Record<string, InputRequest> = {};

  constructor(
    private readonly serverCtx: ServerContext,
    private readonly scope: McpServeScope,
    private readonly stateCodec: McpRequestStateCodec,
    /** The 2026-07-28 round the request is in (absent on legacy sessions, which ask directly). */
    private readonly round: McpRound | undefined,
  ) {}

  async elicit<T>(message: string, schema: McpElicitSchema, options: McpAskOptions = {}): Promise<McpElicitation<T>> {
    let requestedSchema: RequestedSchema;
    let compiled: CompiledSchema | undefined;
    if (isJsonSchemaObject(schema)) {
      requestedSchema = schema;
    } else {
      compiled = compiledElicitSchemas.get(schema);
      if (!compiled) compiledElicitSchemas.set(schema, (compiled = compileSchema(schema, 'input', 'ctx.elicit()', 'strip')));
      requestedSchema = compiled.jsonSchema as RequestedSchema;
    }
    const result = await this.ask<ElicitResult>('elicit', options.key, 'elicitation', { elicitation: {} }, (caps) => caps.elicitation !== undefined, ELICIT_ANSWER, {
      method: 'elicitation/create',
      params: { mode: 'form', message, requestedSchema },
    });
    if (result.action !== 'accept') return { action: result.action };
    if (!compiled) return { action: 'accept', content: (result.content ?? {}) as T };
    const validation = await compiled.validate(result.content ?? {});
    if (!validation.ok) throw new McpUserError(`The client's answer does not match the requested schema: ${validation.message}`);
    return { action: 'accept', content: validation.value as T };
  }

  async elicitUrl(message: string, url: string, options: McpAskOptions = {}): Promise<Pick<ElicitResult, 'action'>> {
    const request: InputRequest =
      this.scope.era === 'modern'
        ? inputRequired.elicitUrl({ message, url })
        : { method: 'elicitation/create', params: { mode: 'url', message, url, elicitationId: randomUUID() } };
    const result = await this.ask<ElicitResult>(
      'elicit',
      options.key,
      'URL elicitation',
      { elicitation: { url: {} } },
      (caps) => caps.elicitation?.url !== undefined,
      ELICIT_ANSWER,
      request,
    );
    return { action: result.action };
  }

  sample(messages: string | SamplingMessage[], options: McpSampleOptions & McpAskOptions = {}): Promise<CreateMessageResult> {
    const { key, ...rest } = options;
    const params: CreateMessageRequestParams = {
      maxTokens: 1024,
      ...rest,
      messages: typeof messages === 'string' ? [{ role: 'user', content: { type: 'text', text: messages } }] : messages,
    };
    const withTools = params.tools !== undefined;
    return this.ask<CreateMessageResult>(
      'sample',
      key,
      withTools ? 'sampling with tools' : 'sampling',
      withTools ? { sampling: { tools: {} } } : { sampling: {} },
      (caps) => caps.sampling !== undefined && (!withTools || caps.sampling.tools !== undefined),
      SAMPLE_ANSWER,
      { method: 'sampling/createMessage', params },
    );
  }

  async listRoots(options: McpAskOptions = {}): Promise<Root[]> {
    const result = await this.ask<ListRootsResult>('roots', options.key, 'roots', { roots: {} }, (caps) => caps.roots !== undefined, ROOTS_ANSWER, {
      method: 'roots/list',
    });
    return result.roots;
  }

  /** The `InputRequiredResult` asking every question of this round that has no answer yet. */
  async inputRequiredResult(): Promise<InputRequiredResult> {
    const round = this.round ?? new McpRound(this.serverCtx.mcpReq.method, {}, {});
    return inputRequired({
      inputRequests: { ...this.pending },
      requestState: await this.stateCodec.mint(this.serverCtx, round, this.answers ?? {}, Object.keys(this.pending)),
    });
  }

  /** The capabilities the client declared: at `initialize`, or in this request's envelope. */
  clientCapabilities(): ClientCapabilities | undefined {
    return this.scope.era === 'modern'
      ? ((this.serverCtx.mcpReq.envelope as Record<string, unknown> | undefined)?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined)
      : this.scope.server.getClientCapabilities();
  }

  private async ask<R>(
    kind: string,
    explicitKey: string | undefined,
    capability: string,
    required: ClientCapabilities,
    supports: (caps: ClientCapabilities) => boolean,
    isAnswer: AnswerCheck,
    request: InputRequest,
  ): Promise<R> {
    const key = explicitKey ?? `${kind}-${this.asked++}`;
    const answers = (this.answers ??= { ...this.round?.answers });
    // An answer of the wrong shape is treated as no answer: the question is asked again.
    if (isAnswer(answers[key])) return answers[key] as R;
    delete answers[key];
    if (!supports(this.clientCapabilities() ?? {})) {
      // spec 2026-07-28 basic/patterns/mrtr: a missing capability is the typed -32021 error.
      if (this.scope.era === 'modern') throw new MissingRequiredClientCapabilityError({ requiredCapabilities: required });
      throw new McpClientCapabilityError(capability);
    }
    if (this.scope.era === 'legacy') return (await this.serverCtx.mcpReq.send(request)) as R;
    this.pending[key] = request;
    throw new McpInputRequiredSignal(key, request);
  }
}
