import { allowsBatches } from '../common/protocol-revisions.js';

/**
 * Why a POSTed JSON-RPC batch must be refused as a whole (-32600 Invalid Request, one error
 * object with id null, as JSON-RPC 2.0 answers a batch it cannot take), or `undefined` to serve
 * it: under a revision without batching; or when two of its requests share an id. An id names
 * one request of the session (spec 2025-03-26 basic, "Requests": it MUST NOT have been used
 * before in the session), and the transport routes each answer by id: one of the two would be
 * lost. `revision`: the session's negotiated revision, when known.
 */
export function batchRefusal(body: unknown, revision: string | undefined): string | undefined {
  if (!Array.isArray(body)) return undefined;
  if (revision !== undefined && !allowsBatches(revision)) return `Invalid Request: JSON-RPC batches are not allowed in protocol version ${revision}`;
  const ids = new Set<unknown>();
  for (const message of body) {
    const { id, method } = (message ?? {}) as { id?: unknown; method?: unknown };
    if (typeof method !== 'string' || id === undefined || id === null) continue;
    if (ids.has(id)) return `Invalid Request: the batch holds two requests with id ${JSON.stringify(id)}`;
    ids.add(id);
  }
  return undefined;
}
