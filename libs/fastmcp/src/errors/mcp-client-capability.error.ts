import { McpUserError } from './mcp-user-error.js';

/**
 * The handler asked the client for something (elicitation, sampling, roots) it did not declare support for.
 *
 * @publicApi
 */
export class McpClientCapabilityError extends McpUserError {
  constructor(readonly capability: string) {
    super(`The client does not support ${capability}`);
    this.name = 'McpClientCapabilityError';
  }
}
