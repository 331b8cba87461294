import type { BlobResourceContents, ReadResourceResult, TextResourceContents } from '@modelcontextprotocol/server';

function isReadResourceResult(value: unknown): value is ReadResourceResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as { contents?: unknown }).contents);
}

/**
 * Maps what a resource method returned to `resources/read` contents: strings are text,
 * Buffers are base64 blobs, other values are JSON.
 */
export function toReadResourceResult(value: unknown, uri: string, mimeType: string | undefined): ReadResourceResult {
  if (isReadResourceResult(value)) return value;
  let contents: TextResourceContents | BlobResourceContents;
  if (typeof value === 'string') {
    contents = { uri, mimeType: mimeType ?? 'text/plain', text: value };
  } else if (value instanceof Uint8Array) {
    contents = { uri, mimeType: mimeType ?? 'application/octet-stream', blob: Buffer.from(value).toString('base64') };
  } else {
    contents = { uri, mimeType: mimeType ?? 'application/json', text: JSON.stringify(value ?? null) };
  }
  return { contents: [contents] };
}
