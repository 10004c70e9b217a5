import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueName } from '@kakehashi/queue';

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'] as const;

/**
 * Prometheus metrics read at scrape time from BullMQ and PostgreSQL, so they are right whichever
 * worker replica ran the jobs. Its own registry: several apps may live in one test process.
 */
@Injectable()
export class QueueMetricsService {
  readonly registry = new Registry();

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Campaigns) campaigns: Queue,
    @InjectQueue(QueueName.Mail) mail: Queue,
    @InjectQueue(QueueName.Scoring) scoring: Queue,
    @InjectQueue(QueueName.Reminders) reminders: Queue,
  ) {
    const queues = [campaigns, mail, scoring, reminders];
    collectDefaultMetrics({ register: this.registry, prefix: 'kakehashi_api_' });
    new Gauge({
      name: 'kakehashi_queue_jobs',
      help: 'Jobs per queue and state (failed jobs are kept, with their error, for 14 days)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...STATES);
          for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'kakehashi_job_duration_seconds',
      help: 'Processing time of the last 200 completed jobs per queue (p50, p95, max)',
      labelNames: ['queue', 'quantile'],
      registers: [this.registry],
      async collect() {
        for (const queue of queues) {
          const jobs = await queue.getJobs(['completed'], 0, 199, false);
          const took = jobs
            .filter((job) => job.finishedOn && job.processedOn)
            .map((job) => (job.finishedOn! - job.processedOn!) / 1000)
            .sort((a, b) => a - b);
          if (took.length === 0) continue;
          const at = (q: number) => took[Math.min(took.length - 1, Math.floor(q * took.length))];
          this.set({ queue: queue.name, quantile: '0.5' }, at(0.5));
          this.set({ queue: queue.name, quantile: '0.95' }, at(0.95));
          this.set({ queue: queue.name, quantile: '1' }, took[took.length - 1]);
        }
      },
    });
    const db = this.dataSource;
    new Gauge({
      name: 'kakehashi_mail_messages',
      help: 'Recorded mail messages by kind and status (queued, sent, failed, skipped)',
      labelNames: ['kind', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows: { kind: string; status: string; n: number }[] = await db.query(
          'SELECT kind, status, count(*)::int AS n FROM mail_messages GROUP BY kind, status',
        );
        for (const row of rows) this.set({ kind: row.kind, status: row.status }, row.n);
      },
    });
  }
}
