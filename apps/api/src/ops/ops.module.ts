import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule, BullBoardModuleOptions } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { AuthModule } from '@kakehashi/auth';
import { ALL_QUEUES } from '@kakehashi/queue';
import { AdminBoardGuard, BOARD_ROUTE } from './admin-board.guard';
import { MetricsController } from './metrics.controller';
import { QueueMetricsService } from './queue-metrics.service';

/** Operations: Bull Board at /admin/queues (admins only) and Prometheus metrics at /metrics. */
@Module({
  imports: [
    AuthModule,
    BullBoardModule.forRoot({
      route: BOARD_ROUTE,
      // The Fastify adapter's typings lag the Nest module's; it is the adapter the module expects.
      adapter: FastifyAdapter as unknown as BullBoardModuleOptions['adapter'],
    }),
    ...ALL_QUEUES.map((name) => BullBoardModule.forFeature({ name, adapter: BullMQAdapter })),
  ],
  controllers: [MetricsController],
  providers: [AdminBoardGuard, QueueMetricsService],
})
export class OpsModule {}
