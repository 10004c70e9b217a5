/**
 * Gathers calls made by concurrently running jobs into one batch call: the mail processor runs
 * dozens of jobs at once, and one statement for 50 rows costs about what one row costs.
 * A batch runs when `maxSize` items wait or `windowMs` after its first item (jobs finish one
 * SMTP reply at a time, so waiting a few milliseconds is what makes batches form); if it
 * fails, every caller in it gets the error (and its job is retried by BullMQ).
 */
export class MicroBatcher<I, O> {
  private pending: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] =
    [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly runBatch: (items: I[]) => Promise<O[]>,
    private readonly options: { maxSize: number; windowMs: number } = {
      maxSize: 200,
      windowMs: 20,
    },
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxSize) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.runBatch(batch.map((entry) => entry.item)).then(
      (results) => batch.forEach((entry, i) => entry.resolve(results[i])),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  }
}
