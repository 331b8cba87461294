import { McpBootstrapError } from './mcp-bootstrap-error.js';

/**
 * An option that cannot work, found when the module starts: the message names the module (or
 * decorator) and the option, and says what it must be.
 *
 * @publicApi
 */
export class McpConfigurationError extends McpBootstrapError {
  constructor(
    /** Where the option is set, e.g. `McpModule` or `Tool "add" (CalcService.add)`. */
    readonly owner: string,
    /** The option, e.g. `pageSize` or `tasks.defaultTtlMs`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = 'McpConfigurationError';
  }
}
