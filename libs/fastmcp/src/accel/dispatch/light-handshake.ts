import { Injectable } from '@nestjs/common';
import { LATEST_PROTOCOL_VERSION, type InitializeResult, type ServerCapabilities } from '@modelcontextprotocol/server';
import { LEGACY_REVISIONS } from '../../common/protocol-revisions.js';
import { McpServerFactory } from '../../server/mcp-server.factory.js';

/**
 * What a session server answers to a plain `initialize`, as the SDK's `Server` builds it: the
 * same version negotiation, and the capabilities of a session server of this app (read once).
 * Lets a session be opened on its handshake alone, its server made when a request needs one.
 */
@Injectable()
export class LightHandshake {
  private capabilities?: ServerCapabilities;

  constructor(private readonly servers: McpServerFactory) {}

  initializeResult(requestedVersion: string): InitializeResult {
    const protocolVersion = LEGACY_REVISIONS.includes(requestedVersion) ? requestedVersion : (LEGACY_REVISIONS[0] ?? LATEST_PROTOCOL_VERSION);
    const session = this.capabilities ? undefined : this.servers.create({ era: 'legacy', transport: 'streamable-http' });
    this.capabilities ??= session!.server.getCapabilities();
    const { instructions, serverInfo } = this.servers.identity();
    return { protocolVersion, capabilities: this.capabilities, serverInfo, ...(instructions && { instructions }) };
  }
}
