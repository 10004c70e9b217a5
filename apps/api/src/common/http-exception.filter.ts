import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  [extra: string]: unknown;
}

/**
 * Every error leaves as JSON `{statusCode, error, message}`; a validation error's list of
 * messages becomes one sentence naming each bad field. Extra fields an exception carries
 * (e.g. `missing` on submit) are kept. Unknown errors are logged and never leak details.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'string') {
        return { statusCode: status, error: reason(status), message: response };
      }
      const {
        message,
        error,
        statusCode: _ignored,
        ...extra
      } = response as Record<string, unknown>;
      return {
        ...extra,
        statusCode: status,
        error: typeof error === 'string' ? error : reason(status),
        message: Array.isArray(message) ? message.join('; ') : String(message ?? reason(status)),
      };
    }
    // Errors raised by Fastify itself (body too large, bad JSON, wrong content type).
    const status = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, error: reason(status), message: (exception as Error).message };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: reason(HttpStatus.INTERNAL_SERVER_ERROR),
      message: 'Internal server error',
    };
  }
}

function reason(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
