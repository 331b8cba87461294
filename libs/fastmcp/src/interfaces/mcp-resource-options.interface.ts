import type { Icon, Annotations } from '@modelcontextprotocol/server';
import type { McpCompleter } from './mcp-complete-options.interface.js';

interface McpResourceCommonOptions {
  /** Defaults to the method name. */
  name?: string;
  title?: string;
  description?: string;
  mimeType?: string;
  icons?: Icon[];
  annotations?: Annotations;
  _meta?: Record<string, unknown>;
}

/** @publicApi */
export interface McpFixedResourceOptions extends McpResourceCommonOptions {
  uri: string;
  uriTemplate?: never;
}

/** @publicApi */
export interface McpTemplateResourceOptions extends McpResourceCommonOptions {
  /** RFC 6570 template; the method receives the matched variables as its first argument. */
  uriTemplate: string;
  /** Completion handlers per template variable. */
  complete?: Record<string, McpCompleter>;
  uri?: never;
}

/** @publicApi */
export type McpResourceOptions = McpFixedResourceOptions | McpTemplateResourceOptions;
