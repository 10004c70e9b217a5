import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../pages/view-engine';

export const CHART_JS_PATH = '/static/vendor/chart.umd.js';

/**
 * Serves chart.js from our own origin (the CSP allows scripts from 'self' only, and no CDN).
 * Registered on Fastify directly so it sits under /static beside the public files.
 */
@Injectable()
export class ChartAsset implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const source = readFileSync(
      // chart.js does not export its UMD build as a subpath, so it is read by path.
      join(projectRoot(), 'node_modules', 'chart.js', 'dist', 'chart.umd.js'),
    );
    fastify.get(CHART_JS_PATH, async (_request, reply) =>
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(source),
    );
  }
}
