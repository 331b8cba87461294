import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { haproxyConfig } from './haproxy-config.js';

const STARTUP_MS = 60_000;
// Debian installs it in /usr/sbin, which a non-root PATH leaves out.
const HAPROXY = process.env.HAPROXY_BIN ?? (existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy');

export interface ClusterOptions {
  /** How many instances. Default 3. */
  instances?: number;
  /** The instance's compiled entry point. Default this directory's `main.js`. */
  script?: string;
  /** The load balancer's port; 0 picks a free one. */
  port?: number;
  /** Extra environment of every instance (REDIS_URL, REDIS_KEY_PREFIX, …). */
  env?: NodeJS.ProcessEnv;
  /** Called with each line an instance prints. */
  onOutput?: (instance: string, line: string) => void;
}

/**
 * The first port the kernel hands out to outgoing connections. A port picked below it is never
 * taken by a client socket's source port between the pick and the instance's `listen`, nor when
 * an instance restarts on it after a kill.
 */
function firstEphemeralPort(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
}

function bindsTo(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}

/** A port free on 127.0.0.1, outside the range the kernel uses for outgoing connections when it can. */
export async function freePort(): Promise<number> {
  const low = 10_000;
  const high = firstEphemeralPort();
  for (let attempt = 0; high - low > 1_000 && attempt < 20; attempt++) {
    const port = await bindsTo(low + Math.floor(Math.random() * (high - low)));
    if (port !== undefined) return port;
  }
  return (await bindsTo(0))!;
}

/** Resolves once something accepts connections on `port`. */
export async function waitForPort(port: number, timeoutMs = STARTUP_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One instance: a Node process serving MCP on its own port. */
export class ClusterInstance {
  process?: ChildProcess;
  private exited?: Promise<unknown>;

  private started = false;

  constructor(
    readonly name: string,
    public port: number,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly onOutput?: (instance: string, line: string) => void,
  ) {}

  get url(): URL {
    return new URL(`http://127.0.0.1:${this.port}/mcp`);
  }

  /**
   * Starts the process and waits until it prints its endpoint. If its first start finds the port
   * taken (something else bound it since it was picked), it moves to another; a restart keeps it,
   * as the load balancer knows it by that port.
   */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.spawnAndWait();
        this.started = true;
        return;
      } catch (error) {
        const portTaken = error instanceof Error && error.message.includes('EADDRINUSE');
        if (!portTaken || this.started || attempt >= 5) throw error;
        this.port = await freePort();
      }
    }
  }

  private async spawnAndWait(): Promise<void> {
    const child = spawn(process.execPath, [this.script], {
      env: { ...this.env, PORT: String(this.port), HOST: '127.0.0.1', INSTANCE_NAME: this.name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process = child;
    this.exited = once(child, 'exit');
    let output = '';
    const started = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} printed no endpoint within ${STARTUP_MS} ms:\n${output}`)), STARTUP_MS);
      const read = (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        for (const line of text.split('\n')) if (line.trim()) this.onOutput?.(this.name, line);
        if (/MCP endpoint: /.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${code ?? signal}) before it started:\n${output}`));
      });
    });
    await started;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Sends a signal (SIGKILL for a crash, SIGTERM for a drain) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return;
    this.process!.kill(signal);
    await this.exited;
  }
}

/** Several instances of one MCP server behind HAProxy's round-robin. */
export class ScaledCluster {
  private haproxy?: ChildProcess;
  private directory?: string;

  private constructor(
    readonly port: number,
    private readonly statsPort: number,
    readonly instances: readonly ClusterInstance[],
  ) {}

  /** The load balancer's MCP endpoint. */
  get url(): URL {
    return new URL(`http://127.0.0.1:${this.port}/mcp`);
  }

  static async start(options: ClusterOptions = {}): Promise<ScaledCluster> {
    const script = options.script ?? fileURLToPath(new URL('./main.js', import.meta.url));
    const env = { ...process.env, ...options.env };
    delete env.NODE_TEST_CONTEXT;
    const count = options.instances ?? 3;
    const instances: ClusterInstance[] = [];
    for (let i = 1; i <= count; i++) instances.push(new ClusterInstance(`instance-${i}`, await freePort(), script, env, options.onOutput));
    const cluster = new ScaledCluster(options.port || (await freePort()), await freePort(), instances);
    try {
      // The first one alone: it runs the database migrations (with persistence) before the others start.
      await instances[0]!.start();
      await Promise.all(instances.slice(1).map((instance) => instance.start()));
      await cluster.startBalancer();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** Each instance's state as HAProxy's health checks see it (`UP`, `DOWN`, …) and the requests it was sent. */
  async serverStats(): Promise<Map<string, { status: string; requests: number }>> {
    const response = await fetch(`http://127.0.0.1:${this.statsPort}/stats;csv`);
    const [header, ...rows] = (await response.text()).split('\n').filter(Boolean);
    const columns = header!.replace(/^# /, '').split(',');
    const [name, status, total] = ['svname', 'status', 'stot'].map((column) => columns.indexOf(column));
    const stats = new Map<string, { status: string; requests: number }>();
    for (const row of rows) {
      const cells = row.split(',');
      if (this.instances.some((instance) => instance.name === cells[name!])) stats.set(cells[name!]!, { status: cells[status!]!, requests: Number(cells[total!]) });
    }
    return stats;
  }

  /** Waits until HAProxy sees every running instance `UP` and every stopped one not. */
  async waitForBalancer(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stats = await this.serverStats().catch(() => new Map<string, { status: string }>());
      const settled = this.instances.every((instance) => (stats.get(instance.name)?.status === 'UP') === instance.running);
      if (settled) return;
      if (Date.now() > deadline) throw new Error(`HAProxy's checks did not settle: ${JSON.stringify([...stats])}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.kill('SIGTERM')));
    if (this.haproxy && this.haproxy.exitCode === null) {
      const exited = once(this.haproxy, 'exit');
      this.haproxy.kill('SIGTERM');
      await exited;
    }
    if (this.directory) rmSync(this.directory, { recursive: true, force: true });
  }

  private async startBalancer(): Promise<void> {
    this.directory = mkdtempSync(join(tmpdir(), 'mcp-haproxy-'));
    const config = join(this.directory, 'haproxy.cfg');
    writeFileSync(config, haproxyConfig(this.port, this.instances, this.statsPort));
    // -db: stay in the foreground, so the balancer ends with this process.
    this.haproxy = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    this.haproxy.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const failed = once(this.haproxy, 'exit').then(() => {
      throw new Error(`HAProxy exited at start: ${errors}`);
    });
    await Promise.race([waitForPort(this.port), failed]);
    failed.catch(() => undefined);
    await this.waitForBalancer();
  }
}
