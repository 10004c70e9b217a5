import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Environment } from '@kakehashi/config';
import { OutboxRelayService } from '@kakehashi/queue';

/** The first purge waits for start-up work (a relay backlog) to settle; then one an hour. */
export const OUTBOX_PURGE_FIRST_DELAY_MS = 60_000;
export const OUTBOX_PURGE_INTERVAL_MS = 3_600_000;

/** Drives the relay (often), the lost-job sweep (rarely) and the retention purge (hourly). */
@Injectable()
export class OutboxRelayLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayLoop.name);
  private stopped = false;
  private relayTimer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;
  private purgeTimer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();
  private purging: Promise<unknown> = Promise.resolve();
  /** Stops a long purge between two statements at shutdown. */
  private readonly shutdown = new AbortController();

  constructor(
    private readonly relay: OutboxRelayService,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduleRelay(0);
    this.scheduleSweep(this.env.OUTBOX_SWEEP_INTERVAL_MS);
    this.schedulePurge(OUTBOX_PURGE_FIRST_DELAY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.shutdown.abort();
    clearTimeout(this.relayTimer);
    clearTimeout(this.sweepTimer);
    clearTimeout(this.purgeTimer);
    await Promise.all([this.running, this.purging]);
  }

  private scheduleRelay(delay: number): void {
    if (this.stopped) return;
    this.relayTimer = setTimeout(() => {
      this.running = this.relay
        .relayOnce()
        // A full batch means more are waiting: go again at once.
        .then((count) => this.scheduleRelay(count > 0 ? 0 : this.env.OUTBOX_POLL_INTERVAL_MS))
        .catch((error: Error) => {
          this.logger.warn(`outbox relay failed, retrying: ${error.message}`);
          this.scheduleRelay(Math.max(1000, this.env.OUTBOX_POLL_INTERVAL_MS));
        });
    }, delay);
  }

  private scheduleSweep(delay: number): void {
    if (this.stopped) return;
    this.sweepTimer = setTimeout(() => {
      this.relay
        .sweepOnce(this.env.OUTBOX_SWEEP_AFTER_MS)
        .catch((error: Error) => this.logger.warn(`outbox sweep failed: ${error.message}`))
        .finally(() => this.scheduleSweep(this.env.OUTBOX_SWEEP_INTERVAL_MS));
    }, delay);
  }

  private schedulePurge(delay: number): void {
    if (this.stopped) return;
    this.purgeTimer = setTimeout(() => {
      this.purging = this.relay
        .purgeDone(this.env.OUTBOX_RETENTION_DAYS, { signal: this.shutdown.signal })
        .catch((error: Error) => this.logger.warn(`outbox purge failed: ${error.message}`))
        .finally(() => this.schedulePurge(OUTBOX_PURGE_INTERVAL_MS));
    }, delay);
  }
}
