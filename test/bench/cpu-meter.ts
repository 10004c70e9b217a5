import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

type Ticks = Map<number, number>;

/** user + system ticks of every process we may read, by pid. */
function readTicks(): Ticks {
  const ticks: Ticks = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return ticks; // not Linux: nothing to report
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(pid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited meanwhile
    }
  }
  return ticks;
}

/**
 * CPU time spent by named groups of processes between `start()` and `report()`, per item: shows
 * where a pipeline's cost lands (our node process, PostgreSQL backends, Redis). A process that
 * started after `start()` counts from zero. Reads /proc, so it reports nothing off Linux.
 */
export class CpuMeter {
  private constructor(private readonly before: Ticks) {}

  static start(): CpuMeter {
    return new CpuMeter(readTicks());
  }

  report(groups: Record<string, number[]>, items: number): string {
    const after = readTicks();
    if (after.size === 0) return 'cpu: not measured (no /proc)';
    const parts = Object.entries(groups).map(([name, pids]) => {
      const ticks = pids.reduce(
        (sum, pid) => sum + (after.get(pid) ?? 0) - (this.before.get(pid) ?? 0),
        0,
      );
      const microsPerItem = (ticks / TICKS_PER_SECOND / items) * 1e6;
      return `${name} ${microsPerItem.toFixed(0)} µs`;
    });
    return `cpu per item: ${parts.join(', ')}`;
  }
}
