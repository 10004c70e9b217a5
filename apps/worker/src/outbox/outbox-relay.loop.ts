import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Environment } from '@kakehashi/config';
import { OutboxRelayService } from '@kakehashi/queue';

/** Drives the relay (often) and the lost-job sweep (rarely) until shutdown. */
@Injectable()
export class OutboxRelayLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayLoop.name);
  private stopped = false;
  private relayTimer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly relay: OutboxRelayService,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduleRelay(0);
    this.scheduleSweep(this.env.OUTBOX_SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relayTimer);
    clearTimeout(this.sweepTimer);
    await this.running;
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
}
