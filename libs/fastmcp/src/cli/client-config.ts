import { existsSync } from 'node:fs';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import type { McpTarget } from './cli-target.js';

export const MCP_CLIENTS = ['claude-desktop', 'cursor', 'vscode'] as const;
export type McpClientName = (typeof MCP_CLIENTS)[number];

export const CLIENT_TITLES: Record<McpClientName, string> = { 'claude-desktop': 'Claude Desktop', cursor: 'Cursor', vscode: 'VS Code' };

export interface ConfigFile {
  /** Where the file applies: an operating system, or a project. */
  scope: string;
  path: string;
}

export interface ClientConfig {
  client: McpClientName;
  /** The JSON to merge into the client's configuration file. */
  snippet: Record<string, unknown>;
  files: ConfigFile[];
  note?: string;
}

/** The bridge Claude Desktop runs to reach an HTTP server: its local config file starts stdio servers only. */
export const STDIO_BRIDGE = ['npx', '-y', 'mcp-remote'] as const;

const FILES: Record<McpClientName, ConfigFile[]> = {
  'claude-desktop': [
    { scope: 'macOS', path: '~/Library/Application Support/Claude/claude_desktop_config.json' },
    { scope: 'Windows', path: '%APPDATA%\\Claude\\claude_desktop_config.json' },
    { scope: 'Linux', path: '~/.config/Claude/claude_desktop_config.json' },
  ],
  cursor: [
    { scope: 'project', path: '.cursor/mcp.json' },
    { scope: 'macOS and Linux (all projects)', path: '~/.cursor/mcp.json' },
    { scope: 'Windows (all projects)', path: '%USERPROFILE%\\.cursor\\mcp.json' },
  ],
  vscode: [
    { scope: 'workspace', path: '.vscode/mcp.json' },
    { scope: 'macOS (user profile)', path: '~/Library/Application Support/Code/User/mcp.json' },
    { scope: 'Windows (user profile)', path: '%APPDATA%\\Code\\User\\mcp.json' },
    { scope: 'Linux (user profile)', path: '~/.config/Code/User/mcp.json' },
  ],
};

/** A name for the server entry when `--name` is not given: the host, or the script the command runs. */
export function defaultServerName(target: McpTarget): string {
  const raw = target.kind === 'http' ? target.url.hostname : basename(target.args.at(-1) ?? target.command, extname(target.args.at(-1) ?? target.command));
  return raw.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'mcp-server';
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * Claude Desktop's entry for an HTTP server: `mcp-remote` bridges stdio to Streamable HTTP. Header
 * values go through environment variables that mcp-remote expands in its arguments, because
 * Claude Desktop on Windows splits arguments that hold spaces ("Bearer <token>").
 */
function claudeBridge(url: URL, headers: Record<string, string>): Record<string, unknown> {
  const args = [...STDIO_BRIDGE.slice(1), url.href];
  // mcp-remote refuses plain http:// except to the local machine.
  if (url.protocol === 'http:' && !isLoopback(url)) args.push('--allow-http');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const variable = `MCP_HEADER_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
    args.push('--header', `${name}:\${${variable}}`);
    env[variable] = value;
  }
  return { command: STDIO_BRIDGE[0], args, ...(Object.keys(env).length > 0 ? { env } : {}) };
}

function entry(client: McpClientName, target: McpTarget, headers: Record<string, string>): Record<string, unknown> {
  const withHeaders = Object.keys(headers).length > 0 ? { headers } : {};
  if (target.kind === 'stdio') {
    // The client starts the server from a directory of its own: a file named relative to this
    // shell's directory would not be found there.
    const args = target.args.map((arg) => (!isAbsolute(arg) && !arg.startsWith('-') && existsSync(arg) ? resolve(arg) : arg));
    const command = { command: target.command, args };
    return client === 'vscode' ? { type: 'stdio', ...command } : command;
  }
  switch (client) {
    case 'claude-desktop':
      return claudeBridge(target.url, headers);
    case 'cursor':
      return { url: target.url.href, ...withHeaders };
    case 'vscode':
      return { type: 'http', url: target.url.href, ...withHeaders };
  }
}

export function clientConfig(client: McpClientName, target: McpTarget, name: string, headers: Record<string, string>): ClientConfig {
  const key = client === 'vscode' ? 'servers' : 'mcpServers';
  const note =
    client === 'claude-desktop' && target.kind === 'http'
      ? `Claude Desktop starts local servers over stdio only; "${STDIO_BRIDGE.join(' ')}" bridges to the HTTP server (it needs Node.js).`
      : undefined;
  return { client, snippet: { [key]: { [name]: entry(client, target, headers) } }, files: FILES[client], ...(note ? { note } : {}) };
}
