import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import { dirname } from 'node:path';
import type { AgentReply, AgentRequest } from './agent-protocol.js';
import type { ServerSpec } from './server-spec.js';

const AGENT = new URL('../servers/server-agent.js', import.meta.url).href;
const OUTPUT_TAIL = 4_000;

export interface ServerStats {
  /** CPU time of the server process since it started, µs. */
  cpuMicros: number;
  rss: number;
  /** V8 heap in use plus external memory, bytes. */
  heap: number;
}

/** A server that stopped or never came up; the message carries the end of its output. */
export class ServerFailedError extends Error {
  constructor(spec: ServerSpec, what: string, output: string) {
    super(`${spec.id}: ${what}${output ? `\n--- last output of ${spec.id} ---\n${output}` : ''}`);
    this.name = 'ServerFailedError';
  }
}

/**
 * One benchmarked server as a child process: `taskset -c <cpu> node --expose-gc [its flags]
 * --import agent <script>`, its own core, its CPU and memory read through the preloaded agent
 * over IPC. The agent is this checkout's, also for a baseline's server: it imports nothing.
 */
export class ServerProcess {
  private seq = 0;
  private readonly pending = new Map<number, (reply: AgentReply) => void>();
  private output = '';
  private exited = false;

  private constructor(
    readonly spec: ServerSpec,
    readonly origin: string,
    private readonly child: ChildProcess,
    /** `performance.now()` when the process was spawned. */
    readonly spawnedAt: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_TAIL);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('message', (reply: AgentReply) => {
      this.pending.get(reply.seq)?.(reply);
      this.pending.delete(reply.seq);
    });
    child.on('exit', () => {
      this.exited = true;
    });
  }

  static async start(spec: ServerSpec, cpu: number | undefined): Promise<ServerProcess> {
    const port = await freePort();
    const node = [process.execPath, '--expose-gc', ...(spec.nodeArgs ?? []), ...extraNodeArgs(), '--import', AGENT, spec.script];
    const [command, ...args] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node];
    const spawnedAt = performance.now();
    const child = spawn(command!, args, {
      cwd: spec.cwd ?? dirname(spec.script),
      env: { ...process.env, ...spec.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const server = new ServerProcess(spec, `http://127.0.0.1:${port}`, child, spawnedAt);
    await server.waitForPort(port);
    return server;
  }

  get lastOutput(): string {
    return this.output.trim();
  }

  fail(what: string): ServerFailedError {
    return new ServerFailedError(this.spec, what, this.lastOutput);
  }

  /** CPU time and RSS as the server itself sees them (after a full GC when `gc`). */
  async stats(gc = false): Promise<ServerStats> {
    if (this.exited) throw this.fail('exited during the run');
    const seq = ++this.seq;
    const reply = new Promise<AgentReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(this.fail('did not answer the stats request within 30 s')), 30_000);
      this.pending.set(seq, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
    const request: AgentRequest = { type: 'stats', seq, gc };
    this.child.send(request);
    const { cpuMicros, rss, heap } = await reply;
    return { cpuMicros, rss, heap };
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await exit;
    clearTimeout(timer);
  }

  private async waitForPort(port: number): Promise<void> {
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline) {
      if (this.exited) throw this.fail(`exited with code ${this.child.exitCode} before listening`);
      if (await canConnect(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.stop();
    throw this.fail('did not listen within 60 s');
  }
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`: flags for the servers' node (Node refuses `--cpu-prof` in NODE_OPTIONS). */
export function extraNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

/**
 * Nest's `WARN` / `ERROR` lines in a server's output, without colours, process id and time (so
 * the same warning from two processes is one line).
 */
export function warningLines(output: string): string[] {
  const lines = output
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => /\b(WARN|ERROR)\b/.test(line))
    .map((line) => line.replace(/^\[Nest\]\s+\d+\s+-\s+\S+,\s+\S+\s+\S+\s+/, '').trim());
  return [...new Set(lines)];
}
