import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { Environment } from '@kakehashi/config';
import { DatabaseModule } from '@kakehashi/database';
import { AuthService } from './auth.service';
import { SESSION_TTL_SECONDS } from './authenticated-user';
import { JwtAuthGuard, RolesGuard } from './guards';
import { JwtStrategy } from './jwt.strategy';
import { SessionService } from './session.service';

@Module({
  imports: [
    DatabaseModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        secret: env.jwtSecret,
        signOptions: { expiresIn: SESSION_TTL_SECONDS, algorithm: 'HS256' },
      }),
    }),
  ],
  providers: [
    AuthService,
    SessionService,
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
