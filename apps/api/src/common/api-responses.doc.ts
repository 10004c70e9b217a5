import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptions,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/**
 * The JSON body of every error (HttpExceptionFilter). Some errors add fields of their own, named
 * in the description of the response that carries them.
 */
export class ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    example: 'name should not be empty',
    description: 'A validation error names every bad field in one sentence',
  })
  message!: string;
}

/**
 * Documents the error answers a route really gives, each with a one-line reason. Errors are JSON
 * even where the route's success is a file (CSV, Excel, evidence).
 */
export function ApiErrors(errors: Record<number, string>): MethodDecorator & ClassDecorator {
  const content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } };
  return applyDecorators(
    ApiExtraModels(ErrorResponse),
    ...Object.entries(errors).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, content }),
    ),
  );
}

/**
 * Class decorator of the buyer API: a bearer token from POST /auth/login (or the console's
 * session cookie) is required, and without a live session every route answers 401.
 */
export function ApiBuyerSession(): ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiErrors({
      401: 'Not signed in: the bearer token is missing or invalid, or its session has ended',
    }),
  );
}

/** A text in both languages of the product. */
export class LocalizedTextResponse {
  @ApiProperty({ example: '多要素認証が未導入です' })
  ja!: string;

  @ApiProperty({ example: 'Multi-factor authentication is not in place' })
  en!: string;
}

/** What a paged list says of its fields beyond their type (descriptions, fixed values). */
export interface PageResponseDocs {
  items?: ApiPropertyOptions;
  total?: ApiPropertyOptions;
  page?: ApiPropertyOptions;
  pageSize?: ApiPropertyOptions;
}

/**
 * The fields of every paged list: `class SupplierPageResponse extends PageResponse(SupplierResponse)
 * {}`. The subclass names the schema; the base class never appears in the document.
 */
export function PageResponse<T>(item: Type<T>, docs: PageResponseDocs = {}) {
  class PageOf {
    @ApiProperty({ type: [item], ...docs.items })
    items!: T[];

    @ApiProperty({ type: 'integer', ...docs.total })
    total!: number;

    @ApiProperty({ type: 'integer', ...docs.page })
    page!: number;

    @ApiProperty({ type: 'integer', ...docs.pageSize })
    pageSize!: number;
  }
  return PageOf;
}
