import { spawnSync } from 'node:child_process';

/** The cores this process may run on (its affinity mask), or undefined without `taskset`. */
export function allowedCpus(): number[] | undefined {
  const result = spawnSync('taskset', ['-c', '-p', String(process.pid)], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  const list = result.stdout.split(':').pop()!.trim();
  const cpus: number[] = [];
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map(Number);
    for (let cpu = from!; cpu <= to!; cpu++) cpus.push(cpu);
  }
  return cpus;
}

/** Pins every thread of this process (V8 and libuv threads included: `-a`) to one core. */
export function pinSelf(cpu: number): boolean {
  return spawnSync('taskset', ['-a', '-c', '-p', String(cpu), String(process.pid)], { stdio: 'ignore' }).status === 0;
}
