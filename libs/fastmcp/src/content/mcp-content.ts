import { readFile } from 'node:fs/promises';
import type { AudioContent, EmbeddedResource, ImageContent, ResourceLink, TextContent } from '@modelcontextprotocol/server';
import { fileTypeFromBuffer } from 'file-type';

type BinarySource = Buffer | Uint8Array | string;

async function loadBinary(source: BinarySource, mimeType: string | undefined, kind: 'image' | 'audio' | 'resource') {
  const bytes = typeof source === 'string' ? await readFile(source) : Buffer.from(source);
  const detected = mimeType ?? (await fileTypeFromBuffer(bytes))?.mime;
  if (!detected) {
    throw new TypeError(`Cannot detect the MIME type of this ${kind}; pass mimeType explicitly`);
  }
  if ((kind === 'image' || kind === 'audio') && !detected.startsWith(`${kind}/`)) {
    throw new TypeError(`Expected ${kind} content, got ${detected}`);
  }
  return { data: bytes.toString('base64'), mimeType: detected };
}

/**
 * Builders for the content blocks a tool can return. Binary helpers take a Buffer or a file
 * path and detect the MIME type from the bytes when none is given.
 *
 * @publicApi
 */
export const McpContent = {
  text(text: string): TextContent {
    return { type: 'text', text };
  },

  async image(source: BinarySource, mimeType?: string): Promise<ImageContent> {
    return { type: 'image', ...(await loadBinary(source, mimeType, 'image')) };
  },

  async audio(source: BinarySource, mimeType?: string): Promise<AudioContent> {
    return { type: 'audio', ...(await loadBinary(source, mimeType, 'audio')) };
  },

  /** An embedded resource: text when `content` is a string, base64 blob otherwise. */
  async resource(uri: string, content: string | Buffer | Uint8Array, mimeType?: string): Promise<EmbeddedResource> {
    if (typeof content === 'string') {
      return { type: 'resource', resource: { uri, text: content, ...(mimeType ? { mimeType } : {}) } };
    }
    const { data, mimeType: detected } = await loadBinary(content, mimeType ?? 'application/octet-stream', 'resource');
    return { type: 'resource', resource: { uri, blob: data, mimeType: detected } };
  },

  resourceLink(uri: string, name: string, details: Omit<ResourceLink, 'type' | 'uri' | 'name'> = {}): ResourceLink {
    return { type: 'resource_link', uri, name, ...details };
  },
};
