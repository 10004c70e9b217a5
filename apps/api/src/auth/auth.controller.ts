import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
import { ApiBodyRouteConfig } from '../common/api-request-policy';
import { rememberUserLocale } from '../console/console-locale';
import { ApiErrors } from '../common/api-responses.doc';
import { LoginDto, LoginResponseDto, MeResponseDto } from './dto/login.dto';
import { LocalAuthGuard, SEND_CREDENTIALS_AS_JSON, SignedIn } from './local-auth.guard';
import { LoginThrottledFilter } from './login-throttled.filter';
import type { SignedInUser } from './login.use-case';
import { presentedTokens } from './presented-tokens';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
    private readonly env: Environment,
  ) {}

  /** Signed in by LocalAuthGuard (passport-local): 400, 401 and 429 never reach the body. */
  @Public()
  @Post('auth/login')
  @RouteConfig({ jsonOnly: SEND_CREDENTIALS_AS_JSON } satisfies ApiBodyRouteConfig)
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @UseFilters(LoginThrottledFilter)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors({
    400: 'email is not an email address, or password is missing or too long',
    415: 'The credentials were not sent as application/json',
  })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed attempts from this address or on this account; see Retry-After',
  })
  signIn(
    // Validated by LocalAuthGuard before passport runs; declared for the OpenAPI document.
    @Body() _body: LoginDto,
    @SignedIn() signedIn: SignedInUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): LoginResponseDto {
    reply.setCookie(SESSION_COOKIE, signedIn.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.env.APP_URL.startsWith('https://'),
      path: '/',
      maxAge: SESSION_TTL_SECONDS,
    });
    // The session cookie opens the console too: in the user's language unless chosen already.
    rememberUserLocale(request, reply, signedIn.locale);
    return { accessToken: signedIn.token };
  }

  /** Ends the session of the Bearer token and of the session cookie, whichever are sent. */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Signed out: the token no longer opens anything' })
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    for (const token of presentedTokens(request)) await this.auth.endSession(token, request.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeResponseDto })
  @ApiErrors({
    401: 'Not signed in: the bearer token is missing or invalid, or its session has ended',
    404: 'The signed-in user was deleted meanwhile',
  })
  async me(@CurrentUser() current: AuthenticatedUser): Promise<MeResponseDto> {
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
