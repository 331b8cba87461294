import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MCP_COMPLETE_METADATA, MCP_PROMPT_METADATA, MCP_RESOURCE_METADATA, MCP_TOOL_METADATA } from '../common/mcp.constants.js';
import type { McpCompleteOptions } from '../interfaces/mcp-complete-options.interface.js';
import type { McpPromptOptions } from '../interfaces/mcp-prompt-options.interface.js';
import type { McpResourceOptions } from '../interfaces/mcp-resource-options.interface.js';
import type { McpToolOptions } from '../interfaces/mcp-tool-options.interface.js';

/** The one place that reads what the MCP decorators wrote. */
@Injectable()
export class McpMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  getTool(method: Function): McpToolOptions | undefined {
    return this.reflector.get<McpToolOptions | undefined>(MCP_TOOL_METADATA, method);
  }

  getResource(method: Function): McpResourceOptions | undefined {
    return this.reflector.get<McpResourceOptions | undefined>(MCP_RESOURCE_METADATA, method);
  }

  getPrompt(method: Function): McpPromptOptions | undefined {
    return this.reflector.get<McpPromptOptions | undefined>(MCP_PROMPT_METADATA, method);
  }

  getComplete(method: Function): McpCompleteOptions | undefined {
    return this.reflector.get<McpCompleteOptions | undefined>(MCP_COMPLETE_METADATA, method);
  }
}
