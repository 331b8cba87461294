import type { CreateMessageResult } from '@modelcontextprotocol/server';
import type { McpElicitation } from 'nestjs-fastmcp';

/** The text of a sampling answer, whatever its content shape. */
export function sampledText(result: CreateMessageResult): string {
  const content = Array.isArray(result.content) ? result.content[0] : result.content;
  return content?.type === 'text' ? content.text : JSON.stringify(content);
}

/** The accepted content of an elicitation, or nothing when the user declined or cancelled. */
export function answered(result: McpElicitation<Record<string, unknown>>): Record<string, unknown> | undefined {
  return result.action === 'accept' ? result.content : undefined;
}
