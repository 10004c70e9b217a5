import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { resourceId } from '../common/id-param';
import {
  ApiCreatedResponse,
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
import { SupplierView } from './supplier.view';
import { SupplierPageResponse, SupplierResponse } from './suppliers.doc';

const notFoundUnlessUuid = resourceId('Supplier');

const SUPPLIER_ID = { name: 'id', format: 'uuid', description: 'Supplier id' } as const;
const NOT_FOUND = "No supplier with this id in the caller's organization";
const PROCUREMENT_ONLY = 'Only procurement (or an admin) registers and edits suppliers';
const INVALID_FIELDS =
  'A field is missing or invalid (the message names it), contacts do not have exactly one ' +
  'primary or repeat an address, or ownerId is not an active procurement user or admin of the organization';
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
  @ApiOkResponse({ type: SupplierResponse })
  @ApiErrors({ 404: NOT_FOUND })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', notFoundUnlessUuid) id: string,
  ): Promise<SupplierView> {
    return this.suppliers.get(user.organizationId, id);
  }

  @Patch(':id')
  @Roles('procurement')
  @ApiOperation({
    summary: 'Change some fields of a supplier',
    description:
      'Fields left out keep their value; null clears one; contacts replaces the list (matched by ' +
      'email: an address that stays keeps its links). The questionnaire links of a contact left ' +
      'out stop working at once (410), and so do the questionnaire sessions opened with them; ' +
      'mail not yet sent to that contact goes to the new primary contact.',
  })
  @ApiParam(SUPPLIER_ID)
  @ApiOkResponse({ type: SupplierResponse, description: 'The supplier after the change' })
  @ApiErrors({
    400: INVALID_FIELDS,
    403: PROCUREMENT_ONLY,
    404: NOT_FOUND,
    409: DUPLICATE_NUMBER,
  })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', notFoundUnlessUuid) id: string,
    @Body() body: UpdateSupplierDto,
  ): Promise<SupplierView> {
    return this.suppliers.update(user, id, body);
  }
}
