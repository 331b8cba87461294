import { Injectable } from '@nestjs/common';
import type { PromptMessage } from '@modelcontextprotocol/server';
import { McpPrompt, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';
import { oneField, TEST_IMAGE_BASE64 } from './fixtures.js';
import { answered } from './answers.js';

@Injectable()
export class TestPromptsService {
  @McpPrompt({ name: 'test_simple_prompt', title: 'Simple Test Prompt', description: 'A simple prompt without arguments' })
  simple() {
    return 'This is a simple prompt for testing.';
  }

  @McpPrompt({
    name: 'test_prompt_with_arguments',
    title: 'Prompt With Arguments',
    description: 'A prompt with required arguments',
    arguments: z.object({ arg1: z.string().describe('First test argument'), arg2: z.string().describe('Second test argument') }),
  })
  withArguments({ arg1, arg2 }: { arg1: string; arg2: string }) {
    return `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`;
  }

  @McpPrompt({
    name: 'test_prompt_with_embedded_resource',
    title: 'Prompt With Embedded Resource',
    description: 'A prompt that includes an embedded resource',
    arguments: z.object({ resourceUri: z.string().describe('URI of the resource to embed') }),
  })
  withEmbeddedResource({ resourceUri }: { resourceUri: string }): PromptMessage[] {
    return [
      { role: 'user', content: { type: 'resource', resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' } } },
      { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
    ];
  }

  @McpPrompt({ name: 'test_prompt_with_image', title: 'Prompt With Image', description: 'A prompt that includes image content' })
  withImage(): PromptMessage[] {
    return [
      { role: 'user', content: { type: 'image', data: TEST_IMAGE_BASE64, mimeType: 'image/png' } },
      { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
    ];
  }

  /** `input-required-result-non-tool-request`: SEP-2322 round trips work on `prompts/get` too. */
  @McpPrompt({ name: 'test_input_required_result_prompt', description: 'Asks the client for context before rendering' })
  async inputRequired(_args: unknown, ctx: McpContext) {
    const result = await ctx.elicit('What context should the prompt use?', oneField('context', 'string'), { key: 'user_context' });
    return `Use this context: ${String(answered(result)?.context)}`;
  }
}
