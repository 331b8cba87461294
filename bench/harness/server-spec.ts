import type { BenchEra } from '../load/mcp-wire.js';

export type ServerRole = 'ours' | 'peer' | 'ceiling';

/** One row of the table: a server script and the protocol era the load generator speaks to it. */
export interface ServerSpec {
  id: string;
  label: string;
  role: ServerRole;
  /** Absolute path of the script node runs. */
  script: string;
  era: BenchEra;
  /** MCP endpoint path. */
  path: string;
  /** Lives in `bench/peers` (installed on first run). */
  peer: boolean;
  /** Runs only when named in `--servers`. */
  optional?: boolean;
  /** Node flags the server is deployed with (before `BENCH_SERVER_NODE_ARGS`). */
  nodeArgs?: readonly string[];
}
