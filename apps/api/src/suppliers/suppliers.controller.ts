import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resourceId } from '../common/id-param';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { CreateSupplierDto, UpdateSupplierDto } from './dto/create-supplier.dto';
import { ListSuppliersQuery } from './dto/list-suppliers.query';
import { SuppliersService } from './suppliers.service';
import { supplierETag, SupplierView } from './supplier.view';
import { SupplierPageResponse, SupplierResponse } from './suppliers.doc';

const notFoundUnlessUuid = resourceId('Supplier');

const SUPPLIER_ID = { name: 'id', format: 'uuid', description: 'Supplier id' } as const;
const NOT_FOUND = "No supplier with this id in the caller's organization";
const PROCUREMENT_ONLY = 'Only procurement (or an admin) registers and edits suppliers';
const INVALID_FIELDS =
  'A field is missing or invalid (the message names it), contacts do not have exactly one ' +
  'primary or repeat an address, or ownerId is not an active procurement user or admin of the organization';
const STALE =
  'If-Match does not name the current version: someone changed the supplier since it was read ' +
  '(reason "stale-version", currentVersion); nothing was saved';
const ETAG_HEADER = {
  ETag: {
    description: 'The supplier’s version; send it back in If-Match on PATCH',
    schema: { type: 'string', example: '"1767225600000"' },
  },
};
const DUPLICATE_NUMBER =
  'The 法人番号 (corporateNumber) is already registered for another supplier (existingSupplier)';

@ApiTags('suppliers')
@ApiBuyerSession()
@Controller('suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  @Get()
  @Roles('procurement', 'ciso', 'auditor')
  @ApiOperation({ summary: 'Search the supplier registry' })
  @ApiOkResponse({ type: SupplierPageResponse })
  @ApiErrors({ 400: 'A query parameter is invalid' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListSuppliersQuery,
  ): Promise<{ items: SupplierView[]; total: number; page: number; pageSize: number }> {
    return this.suppliers.list(user.organizationId, query);
  }

  @Post()
  @Roles('procurement')
  @ApiOperation({
    summary: 'Register a supplier with its contacts',
    description: 'Without ownerId, a procurement user becomes the owner of what it registers.',
  })
  @ApiCreatedResponse({ type: SupplierResponse, description: 'The supplier with its contacts' })
  @ApiErrors({ 400: INVALID_FIELDS, 403: PROCUREMENT_ONLY, 409: DUPLICATE_NUMBER })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateSupplierDto,
  ): Promise<SupplierView> {
    return this.suppliers.create(user, body);
  }

  @Get(':id')
  @Roles('procurement', 'ciso', 'auditor')
  @ApiOperation({ summary: 'A supplier with all its contacts' })
  @ApiParam(SUPPLIER_ID)
  @ApiOkResponse({ type: SupplierResponse, headers: ETAG_HEADER })
  @ApiErrors({ 404: NOT_FOUND })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', notFoundUnlessUuid) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupplierView> {
    const supplier = await this.suppliers.get(user.organizationId, id);
    void reply.header('etag', supplierETag(supplier));
    return supplier;
  }

  @Patch(':id')
  @Roles('procurement')
  @ApiOperation({
    summary: 'Change some fields of a supplier',
    description:
      'Fields left out keep their value; null clears one; contacts replaces the list (matched by ' +
      'email: an address that stays keeps its links). The questionnaire links of a contact left ' +
      'out stop working at once (410), and so do the questionnaire sessions opened with them; ' +
      'mail not yet sent to that contact goes to the new primary contact; a new primary ' +
      'contact is mailed a link to each questionnaire still open. A contacts list equal to the ' +
      'stored one changes nothing. Only values that differ are written and audited (from/to); a ' +
      'request that changes nothing writes nothing, not even updatedAt. Send If-Match with the ' +
      'ETag of GET (or of the last PATCH) so a change made meanwhile by someone else is not ' +
      'overwritten: 409 when it no longer matches.',
  })
  @ApiParam(SUPPLIER_ID)
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'Optional: the ETag read with GET /suppliers/{id}; the change is refused (409, nothing ' +
      'saved) when the supplier has changed since. "*" or no header: no check',
    schema: { type: 'string', example: '"1767225600000"' },
  })
  @ApiOkResponse({
    type: SupplierResponse,
    headers: ETAG_HEADER,
    description: 'The supplier after the change',
  })
  @ApiErrors({
    400: `${INVALID_FIELDS}, or the body is not a JSON object`,
    403: PROCUREMENT_ONLY,
    404: NOT_FOUND,
    409: `${DUPLICATE_NUMBER}; or ${STALE}`,
  })
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', notFoundUnlessUuid) id: string,
    @Body() body: UpdateSupplierDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupplierView> {
    // Judged on the body as sent: the validation pipe turns a JSON `null` into an empty object.
    const sent: unknown = request.body;
    if (sent === null || typeof sent !== 'object' || Array.isArray(sent)) {
      throw new BadRequestException(
        'the request body must be a JSON object with the fields to change (e.g. {"criticality": 3})',
      );
    }
    const { supplier } = await this.suppliers.update(user, id, body, {
      expectedVersions: parseIfMatch(ifMatch),
    });
    void reply.header('etag', supplierETag(supplier));
    return supplier;
  }
}

/** The versions an If-Match header names; undefined (no check) without one or with "*". */
export function parseIfMatch(header: string | undefined): string[] | undefined {
  if (header === undefined) return undefined;
  const tags = header
    .split(',')
    .map((tag) =>
      tag
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .filter((tag) => tag !== '');
  if (tags.includes('*')) return undefined;
  return tags;
}
