import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/server';

const CONTENT_TYPES = new Set(['text', 'image', 'audio', 'resource', 'resource_link']);

/** Results this mapper made from text alone: valid `CallToolResult`s by construction. */
const wellFormed = new WeakSet<object>();

function textResult(text: string, isError?: true): CallToolResult {
  const result: CallToolResult = isError ? { content: [{ type: 'text', text }], isError } : { content: [{ type: 'text', text }] };
  wellFormed.add(result);
  return result;
}

/**
 * Whether `result` needs no schema check before it is sent: this mapper made it from text
 * (a tool's string or scalar return, a tool error), or it is the wire projection of such a result.
 */
export function isWellFormedToolResult(result: object): boolean {
  return wellFormed.has(result);
}

/** Marks the wire projection of a well-formed result (see `Server.projectCallToolResult`) as one too. */
export function keepWellFormed<R extends object>(source: object, projected: R): R {
  if (projected !== source && wellFormed.has(source)) wellFormed.add(projected);
  return projected;
}

export function isContentBlock(value: unknown): value is ContentBlock {
  return typeof value === 'object' && value !== null && CONTENT_TYPES.has((value as { type?: unknown }).type as string);
}

export function isCallToolResult(value: unknown): value is CallToolResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as { content?: unknown }).content);
}

/**
 * Maps what a tool method returned to a `CallToolResult` (spec: server/tools, "Tool Result"):
 * strings and scalars become text, objects become JSON text (and `structuredContent` when the
 * tool declares an output schema), content blocks and ready results pass through.
 */
export function toCallToolResult(value: unknown, structured: boolean): CallToolResult {
  if (isCallToolResult(value)) return value;
  if (isContentBlock(value)) return { content: [value] };
  if (Array.isArray(value) && value.length > 0 && value.every(isContentBlock)) return { content: value };
  if (value === undefined || value === null) return { content: [] };
  if (typeof value === 'string') return textResult(value);
  if (typeof value !== 'object') return textResult(String(value));
  const text = JSON.stringify(value);
  return structured
    ? { content: [{ type: 'text', text }], structuredContent: value as Record<string, unknown> }
    : { content: [{ type: 'text', text }] };
}

export function toolErrorResult(message: string): CallToolResult {
  return textResult(message, true);
}
