// Empty: the items keep their own names and URIs (one server served as it is, as the proxy does).
const PREFIX = /^([A-Za-z][A-Za-z0-9-]*)?$/;

/**
 * How one mount's names and URIs appear in this server. Tool and prompt names join with `_`
 * (the separator MCP clients already show in tool names). Resource URIs and templates take the
 * prefix as a scheme prefix, `files+file:///a.txt`: the result is still an absolute URI (RFC 3986
 * allows `+` in a scheme), a template stays a template with the same variables, and the
 * original comes back by cutting the prefix off.
 */
export class MountNamespace {
  constructor(
    readonly prefix: string,
    /** How errors and logs name the mount: its prefix, or what it serves when it has none. */
    readonly label = prefix,
  ) {}

  static isValidPrefix(prefix: string): boolean {
    return PREFIX.test(prefix);
  }

  name(original: string): string {
    return this.prefix ? `${this.prefix}_${original}` : original;
  }

  uri(original: string): string {
    return this.prefix ? `${this.prefix}+${original}` : original;
  }

  /** The mounted server's URI for one of ours, or `undefined` when it is not in this namespace. */
  originalUri(uri: string): string | undefined {
    if (!this.prefix) return uri;
    const head = `${this.prefix}+`;
    return uri.startsWith(head) ? uri.slice(head.length) : undefined;
  }
}
