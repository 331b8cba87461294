import type { BenchEra } from '../load/mcp-wire.js';

/**
 * `ours`: this checkout's server; `baseline`: the same server built from another checkout
 * (`--baseline`); `peer`: another MCP server, the ratios' reference; `ceiling`: no MCP at all.
 */
export type ServerRole = 'ours' | 'baseline' | 'peer' | 'ceiling';

/** One row of the table: a server script and the protocol era the load generator speaks to it. */
export interface ServerSpec {
  id: string;
  label: string;
  role: ServerRole;
  /** Absolute path of the script node runs. */
  script: string;
  /** Working directory of the server process; the script's own directory when absent. */
  cwd?: string;
  era: BenchEra;
  /** MCP endpoint path. */
  path: string;
  /** Lives in `bench/peers` (installed on first run). */
  peer: boolean;
  /** Runs only when named in `--servers`. */
  optional?: boolean;
  /** Node flags of this row (before `BENCH_SERVER_NODE_ARGS`); none: Node's defaults. */
  nodeArgs?: readonly string[];
  /** Environment of the server process besides the port (e.g. which app profile it starts). */
  env?: Readonly<Record<string, string>>;
  /** The load generator sends `Authorization: Bearer <token>` (`benchBearerToken()`) on every request. */
  bearer?: boolean;
}

/**
 * Rows with the same process key are one server process per round (ours in both eras): the same
 * script, started from the same directory with the same flags.
 */
export function processKey(spec: ServerSpec): string {
  return [spec.script, spec.cwd ?? '', ...(spec.nodeArgs ?? []), ...Object.entries(spec.env ?? {}).flat()].join('\0');
}

/** The headers the load generator adds for this row: a bearer token when it is authenticated. */
export function requestHeadersOf(spec: ServerSpec, token: string): string[] {
  return spec.bearer ? ['authorization', `Bearer ${token}`] : [];
}
