import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { QueueMetricsService } from './queue-metrics.service';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * GET /metrics (Prometheus text). With METRICS_TOKEN set it needs `Authorization: Bearer
 * <token>`; without, it answers only direct connections from localhost (the socket's address,
 * not X-Forwarded-For, which a client could forge).
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: QueueMetricsService,
    private readonly env: Environment,
  ) {}

  @Get()
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.allowed(request)) {
      await reply.code(401).send({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'metrics need the METRICS_TOKEN bearer token',
      });
      return;
    }
    const body = await this.metrics.registry.metrics();
    await reply.header('content-type', this.metrics.registry.contentType).send(body);
  }

  private allowed(request: FastifyRequest): boolean {
    const token = this.env.METRICS_TOKEN;
    if (token) {
      const given = Buffer.from(request.headers.authorization ?? '');
      const wanted = Buffer.from(`Bearer ${token}`);
      return given.length === wanted.length && timingSafeEqual(given, wanted);
    }
    return LOOPBACK.has(request.socket.remoteAddress ?? '') && !request.headers['x-forwarded-for'];
  }
}
