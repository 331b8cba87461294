import { Global, Module } from '@nestjs/common';
import { ExternalContextCreator } from '@nestjs/core';
import { MCP_HANDLER_COMPOSER } from '../execution/mcp-handler.composer.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { MCP_HTTP_SHORTCUT } from '../transports/streamable-http/mcp-http-shortcut.js';
import { AcceleratedStreamableHttp } from './dispatch/accelerated-streamable-http.js';
import { LightHandshake } from './dispatch/light-handshake.js';
import { ExpressFrontDoor } from './http/express-front-door.js';
import { ExpressPlatformCheck } from './express-platform.check.js';
import { McpAccelSupport } from './mcp-accel.support.js';
import { PlatformGatedComposer, PlatformGatedShortcut } from './platform-gated.js';
import { AcceleratedHandlerComposer } from './pipeline/accelerated-handler.composer.js';

/**
 * The fast path: everything that exists only to answer faster, behind the two seams core code
 * knows (`MCP_HTTP_SHORTCUT`, `MCP_HANDLER_COMPOSER`) and the front door ahead of Express; Express apps only
 * (`ExpressPlatformCheck`). Left
 * out with `fastPath: false` (or off by its probes), the server is stock Nest and SDK throughout.
 */
@Global()
@Module({
  providers: [
    {
      provide: McpAccelSupport,
      useFactory: (options: ResolvedMcpOptions, creator: ExternalContextCreator) => McpAccelSupport.probe(options, creator),
      inject: [MCP_OPTIONS, ExternalContextCreator],
    },
    LightHandshake,
    AcceleratedStreamableHttp,
    AcceleratedHandlerComposer,
    ExpressPlatformCheck,
    {
      provide: MCP_HTTP_SHORTCUT,
      useFactory: (support: McpAccelSupport, shortcut: AcceleratedStreamableHttp, check: ExpressPlatformCheck) =>
        support.http ? new PlatformGatedShortcut(shortcut, check) : undefined,
      inject: [McpAccelSupport, AcceleratedStreamableHttp, ExpressPlatformCheck],
    },
    {
      provide: MCP_HANDLER_COMPOSER,
      useFactory: (support: McpAccelSupport, composer: AcceleratedHandlerComposer, check: ExpressPlatformCheck) =>
        support.pipeline ? new PlatformGatedComposer(composer, check) : undefined,
      inject: [McpAccelSupport, AcceleratedHandlerComposer, ExpressPlatformCheck],
    },
    ExpressFrontDoor,
  ],
  exports: [MCP_HTTP_SHORTCUT, MCP_HANDLER_COMPOSER],
})
export class McpAccelModule {}
