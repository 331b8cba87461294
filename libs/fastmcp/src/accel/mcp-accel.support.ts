import { Logger } from '@nestjs/common';
import type { ExternalContextCreator } from '@nestjs/core';
import { nestContextCreatorSupport } from '../internals/nest-context-creator.js';
import { sdkProtocolSupport } from '../internals/sdk-protocol.js';
import { sdkTransportsSupport } from '../internals/sdk-transports.js';
import type { ResolvedMcpOptions } from '../options/mcp-options.js';

/**
 * Which parts of the fast path may run: each rests on upstream internals (see `internals/`),
 * whose probes run once at bootstrap against the installed packages. A failed probe turns off
 * what rests on it, with one warning, and the general path serves instead.
 */
export class McpAccelSupport {
  private readonly logger = new Logger('McpFastPath');

  private constructor(
    /** Streamable HTTP shortcuts: direct dispatch on the SDK's server and transports. */
    readonly http: boolean,
    /** Handlers composed with our guard and interceptor consumers. */
    readonly pipeline: boolean,
  ) {}

  static async probe(options: ResolvedMcpOptions, creator: ExternalContextCreator): Promise<McpAccelSupport> {
    if (options.fastPath === false) return new McpAccelSupport(false, false);
    const [protocol, transports, pipeline] = await Promise.all([sdkProtocolSupport(), sdkTransportsSupport(), nestContextCreatorSupport(creator)]);
    const support = new McpAccelSupport(protocol && transports, pipeline);
    support.check('sdk-protocol', protocol);
    support.check('sdk-transports', transports);
    support.check('nest-context-creator', pipeline);
    return support;
  }

  /** Reports a failed probe (once per probe) and passes its verdict on. */
  check(probe: string, supported: boolean): boolean {
    if (!supported) {
      this.logger.warn(
        `The installed packages no longer behave as internals/${probe}.ts expects: what rests on it is off, and the general path serves instead (correct, slower). Set fastPath: false to silence this.`,
      );
    }
    return supported;
  }
}
