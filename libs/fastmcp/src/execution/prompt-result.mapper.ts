import type { GetPromptResult, PromptMessage } from '@modelcontextprotocol/server';

function isPromptMessage(value: unknown): value is PromptMessage {
  return typeof value === 'object' && value !== null && 'role' in value && 'content' in value;
}

function toMessage(value: unknown): PromptMessage {
  if (isPromptMessage(value)) return value;
  return { role: 'user', content: { type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value) } };
}

/** A string is one user message; a list holds messages (strings become user messages). */
export function toGetPromptResult(value: unknown, description: string | undefined): GetPromptResult {
  if (typeof value === 'object' && value !== null && Array.isArray((value as { messages?: unknown }).messages)) {
    return value as GetPromptResult;
  }
  const messages = Array.isArray(value) ? value.map(toMessage) : [toMessage(value)];
  return description ? { description, messages } : { messages };
}
