import type { CallToolResult, ContentBlock, GetPromptResult, ReadResourceResult } from '@modelcontextprotocol/client';

type ResourceContents = ReadResourceResult['contents'][number];

function byteLength(base64: string): number {
  return Buffer.byteLength(base64, 'base64');
}

function resourceText(contents: ResourceContents): string {
  if ('text' in contents && typeof contents.text === 'string') return contents.text;
  const blob = 'blob' in contents && typeof contents.blob === 'string' ? contents.blob : '';
  return `[resource ${contents.uri}${contents.mimeType ? ` ${contents.mimeType}` : ''}, ${byteLength(blob)} bytes]`;
}

/** One content block as a person reads it: text as is, binary content as a one-line summary. */
export function contentText(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type} ${block.mimeType}, ${byteLength(block.data)} bytes]`;
    case 'resource_link':
      return `[resource link ${block.uri}${block.name ? ` (${block.name})` : ''}]`;
    case 'resource':
      return resourceText(block.resource);
    default:
      return JSON.stringify(block);
  }
}

/** Each part on lines of its own; a part that ends with a newline keeps just that one. */
function lines(parts: string[]): string {
  return parts.map((part) => (part.endsWith('\n') ? part : `${part}\n`)).join('');
}

/** A tool result: its content blocks, or its structured content when it sent no blocks. */
export function toolResultText(result: CallToolResult): string {
  const content = result.content ?? [];
  if (content.length === 0 && result.structuredContent !== undefined) return `${JSON.stringify(result.structuredContent, null, 2)}\n`;
  return lines(content.map(contentText));
}

export function resourceResultText(result: ReadResourceResult): string {
  return lines(result.contents.map(resourceText));
}

/** A prompt's messages, one `role: text` paragraph each. */
export function promptResultText(result: GetPromptResult): string {
  return lines(result.messages.map((message) => `${message.role}: ${contentText(message.content as ContentBlock)}`));
}

/** The bytes of a resource that is one binary blob, written raw when stdout is redirected (`> logo.png`). */
export function singleBlob(result: ReadResourceResult): Buffer | undefined {
  const [only, ...others] = result.contents;
  if (only === undefined || others.length > 0 || !('blob' in only) || typeof only.blob !== 'string') return undefined;
  return Buffer.from(only.blob, 'base64');
}
