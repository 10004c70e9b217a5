import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment, validateEnvironment } from './environment';

/**
 * @nestjs/config loads an optional .env file and validates every variable through the
 * Environment class; the typed Environment is then injectable everywhere.
 * Entry points validate before Nest starts too, so a bad variable stops the process with
 * one line instead of a stack trace.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ validate: validateEnvironment, cache: true })],
  providers: [{ provide: Environment, useFactory: () => validateEnvironment(process.env) }],
  exports: [Environment],
})
export class AppConfigModule {}
