import type { Icon, Annotations } from '@modelcontextprotocol/server';

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

export interface McpFixedResourceOptions extends McpResourceCommonOptions {
  uri: string;
  uriTemplate?: never;
}

export interface McpTemplateResourceOptions extends McpResourceCommonOptions {
  /** RFC 6570 template; the method receives the matched variables as its first argument. */
  uriTemplate: string;
  uri?: never;
}

export type McpResourceOptions = McpFixedResourceOptions | McpTemplateResourceOptions;
