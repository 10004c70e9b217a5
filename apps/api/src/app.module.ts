import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfigModule, Environment } from '@kakehashi/config';
import { DatabaseModule } from '@kakehashi/database';
import { QueueModule } from '@kakehashi/queue';
import { AssessmentsModule } from './assessments/assessments.module';
import { AuditModule } from './audit/audit.module';
import { ConsoleModule } from './console/console.module';
import { AuthApiModule } from './auth/auth-api.module';
import { ApiRequestPolicy } from './common/api-request-policy';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { pinoHttpOptions } from './common/logging';
import { RateLimitModule } from './common/rate-limit-store';
import { RequestContextModule } from './common/request-context';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CatalogModule } from './catalog/catalog.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OpsModule } from './ops/ops.module';
import { OrganizationSettingsModule } from './organizations/organization-settings.module';
import { RespondModule } from './respond/respond.module';
import { SuppliersModule } from './suppliers/suppliers.module';
import { UsersModule } from './users/users.module';

export interface ApiAppOptions {
  /** Where the request logs go; stdout unless given (tests read what is logged). */
  logDestination?: DestinationStream;
}

@Module({
  imports: [
    AppConfigModule,
    RequestContextModule,
    RateLimitModule,
    DatabaseModule,
    QueueModule.forRoot(),
    HealthModule,
    AuthApiModule,
    AuditModule,
    SuppliersModule,
    CampaignsModule,
    CatalogModule,
    RespondModule,
    DashboardModule,
    AssessmentsModule,
    ConsoleModule,
    NotificationsModule,
    OpsModule,
    OrganizationSettingsModule,
    UsersModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }, ApiRequestPolicy],
})
export class AppModule {
  /** The application with its request logger (pino-http, one JSON line per request). */
  static register(options: ApiAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [Environment],
          useFactory: (env: Environment) => ({
            pinoHttp: pinoHttpOptions(env, options.logDestination),
          }),
        }),
      ],
    };
  }
}
