import { readFileSync } from 'node:fs';

interface CpuTimes {
  /** Jiffies the whole machine spent busy (steal included: time the hypervisor took). */
  busy: number;
  total: number;
  /** Jiffies of this process and of its children that have exited (the servers, once stopped). */
  ours: number;
}

function read(): CpuTimes | undefined {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
    const self = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name; utime, stime, cutime, cstime are fields 14 to 17 of the line.
    const after = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number);
    return { busy, total: busy + idle! + iowait!, ours: after[11]! + after[12]! + after[13]! + after[14]! };
  } catch {
    return undefined;
  }
}

/**
 * How much of the machine other processes used while the bench ran: everything busy minus this
 * process and its (exited) children. On a shared machine this says how far to trust the figures.
 */
export class MachineLoad {
  private readonly start = read();

  /** Fraction of all cores' time used by other processes since construction; undefined off Linux. */
  othersShare(): number | undefined {
    const end = read();
    if (!this.start || !end || end.total === this.start.total) return undefined;
    const others = end.busy - this.start.busy - (end.ours - this.start.ours);
    return Math.max(0, others / (end.total - this.start.total));
  }
}
