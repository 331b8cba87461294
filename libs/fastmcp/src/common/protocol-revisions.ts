import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';

/**
 * The stateless revision (SEP-2575): no `initialize`, no sessions, a `_meta` envelope on every
 * request. A request naming it or a later one (header or envelope) is 2026-07-28 traffic, and
 * revisions compare as dates.
 */
export const MODERN_REVISION = '2026-07-28';

/** Whether a revision is the stateless one or later. */
export function isModernRevision(revision: string): boolean {
  return revision >= MODERN_REVISION;
}

/** The revisions a 2025-era session negotiates at `initialize`, newest first (the SDK's list). */
export const LEGACY_REVISIONS: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS.filter((revision) => !isModernRevision(revision));

/**
 * Whether a 2025-era revision lets a POST carry a JSON-RPC batch. 2025-03-26 (basic/transports,
 * "Sending Messages to the Server") allows an array; 2025-06-18 removed batching ("Changelog":
 * "Remove support for JSON-RPC batching"), so from then on the body MUST be a single message.
 */
export function allowsBatches(revision: string): boolean {
  return revision <= '2025-03-26';
}
