import { Controller, Get, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PageAuthFilter } from './page-auth.filter';

/** The console's home is the dashboard for now; signed-out visitors land on the login page. */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Controller()
export class ConsoleHomeController {
  @Get('console')
  async home(@Res() reply: FastifyReply): Promise<void> {
    await reply.redirect('/dashboard', 303);
  }
}
