import { Injectable } from '@nestjs/common';
import { McpTool, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';
import { oneField, SEP1034_DEFAULTS_SCHEMA, SEP1330_ENUMS_SCHEMA, USER_INFO_SCHEMA } from './fixtures.js';
import { answered, sampledText } from './answers.js';

const text = (value: string) => [{ role: 'user' as const, content: { type: 'text' as const, text: value } }];

/**
 * Tools that ask the client something: sampling, elicitation, roots. Legacy-session scenarios
 * expect a server-to-client request; 2026-07-28 scenarios expect an `InputRequiredResult` whose
 * `inputRequests` keys are the `key` options below, then a complete result on the retry.
 */
@Injectable()
export class ClientRequestToolsService {
  @McpTool({
    name: 'test_sampling',
    description: 'Tests server-initiated sampling (LLM completion request)',
    input: z.object({ prompt: z.string().describe('The prompt to send to the LLM') }),
  })
  async sampling({ prompt }: { prompt: string }, ctx: McpContext) {
    const result = await ctx.sample(text(prompt), { maxTokens: 100 });
    return `LLM response: ${sampledText(result)}`;
  }

  @McpTool({
    name: 'test_elicitation',
    description: 'Tests server-initiated elicitation (user input request)',
    input: z.object({ message: z.string().describe('The message to show the user') }),
  })
  async elicitation({ message }: { message: string }, ctx: McpContext) {
    const result = await ctx.elicit(message, USER_INFO_SCHEMA);
    return `User response: action=${result.action}, content=${JSON.stringify(answered(result) ?? {})}`;
  }

  @McpTool({ name: 'test_elicitation_sep1034_defaults', description: 'Tests elicitation with default values per SEP-1034' })
  async elicitationDefaults(_args: unknown, ctx: McpContext) {
    const result = await ctx.elicit('Please review and update the form fields with defaults', SEP1034_DEFAULTS_SCHEMA);
    return `Elicitation completed: action=${result.action}, content=${JSON.stringify(answered(result) ?? {})}`;
  }

  @McpTool({ name: 'test_elicitation_sep1330_enums', description: 'Tests elicitation with enum schema improvements per SEP-1330' })
  async elicitationEnums(_args: unknown, ctx: McpContext) {
    const result = await ctx.elicit('Please select options from the enum fields', SEP1330_ENUMS_SCHEMA);
    return `Elicitation completed: action=${result.action}, content=${JSON.stringify(answered(result) ?? {})}`;
  }

  /** `server-stateless`: needs sampling, so a client that did not declare it gets -32021. */
  @McpTool({ name: 'test_missing_capability', description: 'Requires the sampling capability' })
  async missingCapability(_args: unknown, ctx: McpContext) {
    const result = await ctx.sample(text('Say hello'), { maxTokens: 20 });
    return sampledText(result);
  }

  /** `server-stateless`: in 2026-07-28 the ask must be an `InputRequiredResult`, never a request on the stream. */
  @McpTool({ name: 'test_streaming_elicitation', description: 'Elicits once; 2026-07-28 answers with an InputRequiredResult' })
  async streamingElicitation(_args: unknown, ctx: McpContext) {
    const result = await ctx.elicit('What is your name?', oneField('name', 'string'), { key: 'user_name' });
    return `Hello, ${String(answered(result)?.name ?? 'stranger')}!`;
  }

  @McpTool({ name: 'test_input_required_result_elicitation', description: 'SEP-2322: one elicitation round trip' })
  async mrtrElicitation(_args: unknown, ctx: McpContext) {
    const result = await ctx.elicit('What is your name?', oneField('name', 'string'), { key: 'user_name' });
    return `Hello, ${String(answered(result)?.name ?? 'stranger')}!`;
  }

  @McpTool({ name: 'test_input_required_result_sampling', description: 'SEP-2322: one sampling round trip' })
  async mrtrSampling(_args: unknown, ctx: McpContext) {
    const result = await ctx.sample(text('What is the capital of France?'), { maxTokens: 100, key: 'capital_question' });
    return `The model said: ${sampledText(result)}`;
  }

  @McpTool({ name: 'test_input_required_result_list_roots', description: 'SEP-2322: one roots/list round trip' })
  async mrtrListRoots(_args: unknown, ctx: McpContext) {
    const roots = await ctx.listRoots({ key: 'client_roots' });
    return `Client roots: ${roots.map((root) => root.uri).join(', ') || '(none)'}`;
  }

  /** The framework owns `requestState`; reaching the return means it verified the echoed state. */
  @McpTool({ name: 'test_input_required_result_request_state', description: 'SEP-2322: requestState round trip' })
  async mrtrRequestState(_args: unknown, ctx: McpContext) {
    const result = await ctx.elicit('Please confirm', oneField('ok', 'boolean'), { key: 'confirm' });
    return `state-ok: confirmed=${String(answered(result)?.ok)}`;
  }

  @McpTool({ name: 'test_input_required_result_multiple_inputs', description: 'SEP-2322: elicitation, sampling and roots in one round' })
  async mrtrMultipleInputs(_args: unknown, ctx: McpContext) {
    
    const [user, greeting, roots] = await Promise.all([
      ctx.elicit('What is your name?', oneField('name', 'string'), { key: 'user_name' }),
      ctx.sample(text('Generate a greeting'), { maxTokens: 50, key: 'greeting' }),
      ctx.listRoots({ key: 'client_roots' }),
    ]);
    return `${sampledText(greeting)} ${String(answered(user)?.name)} (${roots.length} roots)`;
  }

  @McpTool({ name: 'test_input_required_result_multi_round', description: 'SEP-2322: two rounds, each with fresh requestState' })
  async mrtrMultiRound(_args: unknown, ctx: McpContext) {
    
    const name = await ctx.elicit('Step 1: What is your name?', oneField('name', 'string'), { key: 'step1' });
    const color = await ctx.elicit('Step 2: What is your favorite color?', oneField('color', 'string'), { key: 'step2' });
    return `${String(answered(name)?.name)} likes ${String(answered(color)?.color)}`;
  }

  /** A tampered `requestState` must be rejected (-32602) before this handler runs again. */
  @McpTool({ name: 'test_input_required_result_tampered_state', description: 'SEP-2322: integrity-protected requestState' })
  async mrtrTamperedState(_args: unknown, ctx: McpContext) {
    const result = await ctx.elicit('Please confirm', oneField('ok', 'boolean'), { key: 'confirm' });
    return `state-ok: confirmed=${String(answered(result)?.ok)}`;
  }

  @McpTool({ name: 'test_input_required_result_capabilities', description: 'SEP-2322: only asks for what the client declared' })
  async mrtrCapabilities(_args: unknown, ctx: McpContext) {
    
    const capabilities = ctx.clientCapabilities ?? {};
    const answers: string[] = [];
    if (capabilities.elicitation) {
      const result = await ctx.elicit('What is your name?', oneField('name', 'string'), { key: 'user_name' });
      answers.push(`name=${String(answered(result)?.name)}`);
    }
    if (capabilities.sampling) {
      const result = await ctx.sample(text('Say hello'), { maxTokens: 20, key: 'greeting' });
      answers.push(`greeting=${sampledText(result)}`);
    }
    return answers.join(', ') || 'The client declared neither elicitation nor sampling';
  }
}
