import { randomUUID } from 'node:crypto';
import {
  CLIENT_CAPABILITIES_META_KEY,
  inputRequired,
  type ClientCapabilities,
  type CreateMessageRequestParams,
  type CreateMessageResult,
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
import type { McpSchemaInput } from '../interfaces/schema-input.interface.js';
import type { CompiledSchema } from '../schema/compiled-schema.js';
import { compileSchema } from '../schema/schema-compiler.js';
import { McpInputRequiredSignal } from './input-required.signal.js';
import type { McpServeScope } from './mcp-call-context.js';
import type { McpElicitation, McpSampleOptions } from './mcp-context.js';
import type { McpRequestStateCodec, McpRoundState } from './request-state.codec.js';

const compiledElicitSchemas = new WeakMap<object, CompiledSchema>();

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

  constructor(
    private readonly serverCtx: ServerContext,
    private readonly scope: McpServeScope,
    private readonly stateCodec: McpRequestStateCodec,
  ) {}

  async elicit<T>(message: string, schema: McpSchemaInput): Promise<McpElicitation<T>> {
    let compiled = compiledElicitSchemas.get(schema);
    if (!compiled) compiledElicitSchemas.set(schema, (compiled = compileSchema(schema, 'input', 'ctx.elicit()')));
    const requestedSchema = compiled.jsonSchema as { type: 'object'; properties: Record<string, never> };
    const result = await this.ask<ElicitResult>('elicit', 'elicitation', (caps) => caps.elicitation !== undefined, {
      method: 'elicitation/create',
      params: { mode: 'form', message, requestedSchema },
    });
    if (result.action !== 'accept') return { action: result.action };
    const validation = await compiled.validate(result.content ?? {});
    if (!validation.ok) throw new McpUserError(`The client's answer does not match the requested schema: ${validation.message}`);
    return { action: 'accept', content: validation.value as T };
  }

  async elicitUrl(message: string, url: string): Promise<Pick<ElicitResult, 'action'>> {
    const request: InputRequest =
      this.scope.era === 'modern'
        ? inputRequired.elicitUrl({ message, url })
        : { method: 'elicitation/create', params: { mode: 'url', message, url, elicitationId: randomUUID() } };
    const result = await this.ask<ElicitResult>('elicit', 'URL elicitation', (caps) => caps.elicitation?.url !== undefined, request);
    return { action: result.action };
  }

  sample(messages: string | SamplingMessage[], options: McpSampleOptions = {}): Promise<CreateMessageResult> {
    const params: CreateMessageRequestParams = {
      maxTokens: 1024,
      ...options,
      messages: typeof messages === 'string' ? [{ role: 'user', content: { type: 'text', text: messages } }] : messages,
    };
    const withTools = params.tools !== undefined;
    return this.ask<CreateMessageResult>(
      'sample',
      withTools ? 'sampling with tools' : 'sampling',
      (caps) => caps.sampling !== undefined && (!withTools || caps.sampling.tools !== undefined),
      { method: 'sampling/createMessage', params },
    );
  }

  async listRoots(): Promise<Root[]> {
    const result = await this.ask<ListRootsResult>('roots', 'roots', (caps) => caps.roots !== undefined, { method: 'roots/list' });
    return result.roots;
  }

  /** The `InputRequiredResult` that asks the question a handler unwound with. */
  async inputRequiredResult(signal: McpInputRequiredSignal): Promise<InputRequiredResult> {
    const state: McpRoundState = { answers: this.answers ?? {} };
    return inputRequired({
      inputRequests: { [signal.key]: signal.request },
      requestState: await this.stateCodec.codec.mint(state, this.serverCtx),
    });
  }

  private async ask<R>(kind: string, capability: string, supports: (caps: ClientCapabilities) => boolean, request: InputRequest): Promise<R> {
    const key = `${kind}-${this.asked++}`;
    const answers = (this.answers ??= {
      ...(this.serverCtx.mcpReq.requestState<McpRoundState>()?.answers ?? {}),
      ...(this.serverCtx.mcpReq.inputResponses ?? {}),
    });
    if (key in answers) return answers[key] as R;
    if (!supports(this.clientCapabilities() ?? {})) throw new McpClientCapabilityError(capability);
    if (this.scope.era === 'legacy') return (await this.serverCtx.mcpReq.send(request)) as R;
    throw new McpInputRequiredSignal(key, request);
  }

  private clientCapabilities(): ClientCapabilities | undefined {
    return this.scope.era === 'modern'
      ? ((this.serverCtx.mcpReq.envelope as Record<string, unknown> | undefined)?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined)
      : this.scope.server.getClientCapabilities();
  }
}
