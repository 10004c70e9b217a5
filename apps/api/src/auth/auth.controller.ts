import { Body, Controller, Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import {
  AuthService,
  AuthenticatedUser,
  CurrentUser,
  Public,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
} from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { UsersRepository } from '@kakehashi/database';
import { NotFoundException } from '@nestjs/common';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { LocalAuthGuard } from './local-auth.guard';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
    private readonly env: Environment,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard, LocalAuthGuard)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this IP or for this account' })
  async login(
    @Body() _body: LoginDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const accessToken = await this.auth.issueToken(user);
    reply.setCookie(SESSION_COOKIE, accessToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.env.APP_URL.startsWith('https://'),
      path: '/',
      maxAge: SESSION_TTL_SECONDS,
    });
    return { accessToken };
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@Res({ passthrough: true }) reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiBearerAuth()
  async me(@CurrentUser() current: AuthenticatedUser): Promise<{
    id: string;
    email: string;
    displayName: string;
    role: string;
    locale: string;
    organizationId: string;
  }> {
    const user = await this.users.findById(current.organizationId, current.id);
    if (!user) throw new NotFoundException('User no longer exists');
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      locale: user.locale,
      organizationId: user.organizationId,
    };
  }
}
