import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { trustProxyOption, validateEnvironment } from '@kakehashi/config';
import { ApiAppOptions, AppModule } from './app.module';
import { requestId } from './common/logging';
import { UnusableInputGuard } from './common/nul-characters';
import { registerRequestContext } from './common/request-context';
import { registerPages } from './pages/view-engine';

/** Builds the configured api application; main() and the e2e tests both use it. */
export async function createApiApp(options: ApiAppOptions = {}): Promise<NestFastifyApplication> {
  const env = validateEnvironment(process.env);
  const secure = env.APP_URL.startsWith('https://');
  const adapter = new FastifyAdapter({
    trustProxy: trustProxyOption(env.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    genReqId: requestId,
    requestIdHeader: false,
  });
  const appModule = AppModule.register(options);
  const app = await NestFactory.create<NestFastifyApplication>(appModule, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // Early, so every later hook and handler runs in it: the audit trail reads the client IP there.
  registerRequestContext(app.getHttpAdapter().getInstance());

  await app.register(fastifyCookie);
  await registerPages(app, { production: env.isProduction });
  await app.register(fastifyHelmet, {
    // Over plain http (local development) HSTS and upgrading requests would break the pages.
    hsts: secure,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: secure ? [] : null,
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });

  app.setGlobalPrefix('api/v1', {
    exclude: [
      'health/live',
      'health/ready',
      'login',
      'login/forgot',
      'login/forgot/sent',
      'logout',
      'console',
      'dashboard',
      'dashboard/suppliers/:id',
      'dashboard/findings/:id',
      'q/*path',
      'console/suppliers',
      'console/suppliers/new',
      'console/suppliers/import',
      'console/suppliers/:id/edit',
      'console/campaigns',
      'console/campaigns/new',
      'console/campaigns/:id',
      'console/campaigns/:id/launch',
      'console/campaigns/:id/close',
      'console/campaigns/:id/due-date',
      'console/campaigns/:id/owner',
      'console/campaigns/:id/suppliers',
      'console/campaigns/:id/delete',
      'console/campaigns/:id/assessments/:assessmentId/remind',
      'console/outbox',
      'console/notifications',
      'console/notifications/read-all',
      'console/notifications/:id/open',
      'console/settings',
      'console/users',
      'console/audit',
      'set-password/done',
      'set-password/:token',
      'console/assessments/:id',
      'console/assessments/:id/reopen',
      'console/assessments/:id/links/revoke',
      'admin/queues',
      'metrics',
    ],
  });
  // After the session guards, before every route's own guards and pipes.
  app.useGlobalGuards(new UnusableInputGuard());
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, transform: true, forbidNonWhitelisted: true }),
  );
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('Kakehashi API')
    .setDescription('Supply-chain security assessments (架け橋)')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
