import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { AddCampaignSuppliersUseCase } from './add-campaign-suppliers.use-case';
import { CampaignDetail, CampaignQueriesService, Page } from './campaign-queries.service';
import { CloseCampaignUseCase } from './close-campaign.use-case';
import { CreateCampaignUseCase } from './create-campaign.use-case';
import { AddSuppliersDto } from './dto/add-suppliers.dto';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { AssessmentListQueryDto, CampaignListQueryDto } from './dto/list-query.dto';
import { LaunchCampaignUseCase, LaunchResult } from './launch-campaign.use-case';

const READERS = ['procurement', 'ciso', 'auditor'] as const;

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly createCampaign: CreateCampaignUseCase,
    private readonly launchCampaign: LaunchCampaignUseCase,
    private readonly addSuppliers: AddCampaignSuppliersUseCase,
    private readonly closeCampaign: CloseCampaignUseCase,
    private readonly queries: CampaignQueriesService,
  ) {}

  @Post()
  @Roles('procurement')
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateCampaignDto) {
    return this.createCampaign.execute(user, dto);
  }

  @Get()
  @Roles(...READERS)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CampaignListQueryDto,
  ): Promise<Page<unknown>> {
    return this.queries.list(user.organizationId, query);
  }

  @Get(':id')
  @Roles(...READERS)
  detail(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CampaignDetail> {
    return this.queries.detail(user.organizationId, id);
  }

  @Get(':id/assessments')
  @Roles(...READERS)
  assessments(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AssessmentListQueryDto,
  ): Promise<Page<unknown>> {
    return this.queries.assessments(user.organizationId, id, query);
  }

  /** Idempotent: launching a launched campaign answers 200 with the same state. */
  @Post(':id/launch')
  @HttpCode(200)
  @Roles('procurement')
  launch(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<LaunchResult> {
    return this.launchCampaign.execute(user, id);
  }

  @Post(':id/suppliers')
  @HttpCode(200)
  @Roles('procurement')
  add(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddSuppliersDto,
  ): Promise<{ added: number }> {
    return this.addSuppliers.execute(user, { campaignId: id, supplierIds: dto.supplierIds });
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('procurement')
  close(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.closeCampaign.execute(user, id);
  }
}
