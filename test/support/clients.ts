import { Client as ModernClient, StreamableHTTPClientTransport as ModernHttpTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyHttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

type ClientCapabilities = Record<string, object>;

/** A v1 SDK client: session-based, speaks 2025-era revisions. `setup` runs before connecting. */
export async function connectLegacy(
  url: URL,
  headers: Record<string, string> = {},
  capabilities: ClientCapabilities = {},
  setup?: (client: LegacyClient) => void,
) {
  const client = new LegacyClient({ name: 'legacy-test-client', version: '1.0.0' }, { capabilities });
  setup?.(client);
  let streamOpened!: () => void;
  // Settles once the server has answered the client's standalone GET stream: from then on an
  // unsolicited notification (list_changed...) reaches the client instead of being dropped.
  const standaloneStream = new Promise<void>((resolve) => (streamOpened = resolve));
  const fetchWatchingStream = async (input: string | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (init?.method === 'GET' && response.ok) streamOpened();
    return response;
  };
  const transport = new LegacyHttpTransport(url, { requestInit: { headers }, fetch: fetchWatchingStream });
  await client.connect(transport);
  return { client, transport, standaloneStream };
}

/** A v2 SDK client that negotiates 2026-07-28 (stateless, per-request `_meta` envelope). */
export async function connectModern(
  url: URL,
  headers: Record<string, string> = {},
  capabilities: ClientCapabilities = {},
  setup?: (client: ModernClient) => void,
) {
  const client = new ModernClient({ name: 'modern-test-client', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' }, capabilities });
  setup?.(client);
  const transport = new ModernHttpTransport(url, { requestInit: { headers } });
  await client.connect(transport);
  return { client, transport };
}

export type AnyClient = Awaited<ReturnType<typeof connectLegacy>>['client'] | Awaited<ReturnType<typeof connectModern>>['client'];

/** Runs a suite body once per protocol era. */
export const ERAS = [
  { era: 'legacy (v1 client, 2025-11-25 session)', connect: connectLegacy },
  { era: 'modern (v2 client, 2026-07-28 stateless)', connect: connectModern },
] as const;

export function textOf(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content.map((block) => block.text ?? '').join('');
}
