import type {
  ClientCapabilities,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestFormParams,
  ElicitResult,
  ListRootsResult,
  SamplingMessage,
} from '@modelcontextprotocol/server';
import { McpUserError, type McpContext } from 'nestjs-fastmcp';

/** Where a 2026-07-28 answer is filed: the key of the `inputRequests` entry (SEP-2322). */
export interface McpAskOptions {
  key?: string;
}

/**
 * The `McpContext` members issue #3 promises and the core does not ship yet. One call must work
 * in both eras: a server-to-client request in a legacy session, an `InputRequiredResult` round
 * trip in 2026-07-28. Until they land, the tools that need them fail with a message naming the
 * missing member, so the suites report the core gap instead of this app faking the behaviour.
 */
export interface McpClientRequests {
  /** The capabilities the client declared (`initialize`, or the request's `_meta` envelope). */
  readonly clientCapabilities: ClientCapabilities | undefined;
  elicit(message: string, requestedSchema: ElicitRequestFormParams['requestedSchema'], options?: McpAskOptions): Promise<ElicitResult>;
  sample(messages: SamplingMessage[], options: Omit<CreateMessageRequestParams, 'messages'> & McpAskOptions): Promise<CreateMessageResult>;
  listRoots(options?: McpAskOptions): Promise<ListRootsResult>;
  /** Ends this request's SSE stream early; the client resumes it with `Last-Event-ID` (SEP-1699). */
  closeStream(): void;
}

export function clientRequests(ctx: McpContext): McpClientRequests {
  const extended = ctx as McpContext & Partial<McpClientRequests>;
  const missing = (member: string) => {
    throw new McpUserError(`McpContext.${member} is not implemented by this nestjs-fastmcp build (issue #3)`);
  };
  return {
    get clientCapabilities() {
      return 'clientCapabilities' in extended ? extended.clientCapabilities : missing('clientCapabilities');
    },
    elicit: async (...args) => (extended.elicit ? extended.elicit(...args) : missing('elicit()')),
    sample: async (...args) => (extended.sample ? extended.sample(...args) : missing('sample()')),
    listRoots: async (...args) => (extended.listRoots ? extended.listRoots(...args) : missing('listRoots()')),
    closeStream: () => (extended.closeStream ? extended.closeStream() : missing('closeStream()')),
  };
}

/** The text of a sampling answer, whatever its content shape. */
export function sampledText(result: CreateMessageResult): string {
  const content = Array.isArray(result.content) ? result.content[0] : result.content;
  return content?.type === 'text' ? content.text : JSON.stringify(content);
}
