import { JOB_NAMES } from '@kakehashi/queue';

/**
 * A processor class says which job names it handles with a static `handles` list
 * (`static readonly handles = ['send-mail'] as const`). One that says nothing is taken to
 * handle every job name of its queue.
 */
export interface DeclaredProcessor {
  className: string;
  queue: string;
  handles?: readonly string[];
}

export class JobHandlerMismatchError extends Error {
  constructor(readonly problems: string[]) {
    super(`worker job handlers do not match JOB_NAMES:\n  - ${problems.join('\n  - ')}`);
    this.name = 'JobHandlerMismatchError';
  }
}

/** Every job name of JOB_NAMES has exactly one handler, and no handler serves an unknown name. */
export function checkJobHandlers(
  processors: DeclaredProcessor[],
  catalogue: Record<string, readonly string[]> = JOB_NAMES,
): void {
  const handlers = new Map<string, string[]>();
  const problems: string[] = [];
  for (const processor of processors) {
    const known = catalogue[processor.queue];
    if (!known) {
      problems.push(`${processor.className} processes unknown queue "${processor.queue}"`);
      continue;
    }
    for (const name of processor.handles ?? known) {
      if (!known.includes(name)) {
        problems.push(
          `${processor.className} handles "${name}", not a job of "${processor.queue}"`,
        );
        continue;
      }
      const key = `${processor.queue}/${name}`;
      handlers.set(key, [...(handlers.get(key) ?? []), processor.className]);
    }
  }
  for (const [queue, names] of Object.entries(catalogue)) {
    for (const name of names) {
      const found = handlers.get(`${queue}/${name}`) ?? [];
      if (found.length === 0) problems.push(`no handler for job "${name}" of queue "${queue}"`);
      if (found.length > 1) {
        problems.push(
          `job "${name}" of queue "${queue}" has ${found.length} handlers: ${found.join(', ')}`,
        );
      }
    }
  }
  if (problems.length > 0) throw new JobHandlerMismatchError(problems);
}
