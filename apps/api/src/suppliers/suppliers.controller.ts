import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { CreateSupplierDto, UpdateSupplierDto } from './dto/create-supplier.dto';
import { ListSuppliersQuery } from './dto/list-suppliers.query';
import { SuppliersService } from './suppliers.service';
import { SupplierView } from './supplier.view';

/** A malformed id cannot name a supplier: 404, like any id the tenant does not own. */
const notFoundUnlessUuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  @Get()
  @Roles('procurement', 'ciso', 'auditor')
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListSuppliersQuery,
  ): Promise<{ items: SupplierView[]; total: number; page: number; pageSize: number }> {
    return this.suppliers.list(user.organizationId, query);
  }

  @Post()
  @Roles('procurement')
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateSupplierDto,
  ): Promise<SupplierView> {
    return this.suppliers.create(user, body);
  }

  @Get(':id')
  @Roles('procurement', 'ciso', 'auditor')
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', notFoundUnlessUuid) id: string,
  ): Promise<SupplierView> {
    return this.suppliers.get(user.organizationId, id);
  }

  @Patch(':id')
  @Roles('procurement')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', notFoundUnlessUuid) id: string,
    @Body() body: UpdateSupplierDto,
  ): Promise<SupplierView> {
    return this.suppliers.update(user, id, body);
  }
}
