import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { resourceId } from '../common/id-param';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { AddCampaignSuppliersUseCase } from './add-campaign-suppliers.use-case';
import { CampaignDetail, CampaignQueriesService, Page } from './campaign-queries.service';
import {
  CampaignAssessmentPageResponse,
  CampaignClosedResponse,
  CampaignCreatedResponse,
  CampaignDetailResponse,
  CampaignPageResponse,
  LaunchResponse,
  SuppliersAddedResponse,
} from './campaigns.doc';
import { CloseCampaignUseCase } from './close-campaign.use-case';
import { CreateCampaignUseCase } from './create-campaign.use-case';
import { DeleteDraftCampaignUseCase } from './delete-draft-campaign.use-case';
import { AddSuppliersDto } from './dto/add-suppliers.dto';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { AssessmentListQueryDto, CampaignListQueryDto } from './dto/list-query.dto';
import { UpdateCampaignDto } from './dto/update-campaign.dto';
import { LaunchCampaignUseCase, LaunchResult } from './launch-campaign.use-case';
import { RemoveCampaignSupplierUseCase } from './remove-campaign-supplier.use-case';
import { UpdateCampaignUseCase } from './update-campaign.use-case';

const READERS = ['procurement', 'ciso', 'auditor'] as const;

const CAMPAIGN_ID = { name: 'id', format: 'uuid', description: 'Campaign id' } as const;
const CAMPAIGN_ID_PIPE = resourceId('Campaign');
const SUPPLIER_NOT_CHOSEN = 'Supplier not found in this campaign';
const SUPPLIER_ID_PIPE = resourceId('Supplier');
const NOT_FOUND = "No campaign with this id in the caller's organization (or id is not a UUID)";
const PROCUREMENT_ONLY = 'Only procurement (or an admin) manages campaigns';
const BODY_TOO_LARGE = 'The JSON body is larger than 1 MB';

@ApiTags('campaigns')
@ApiBuyerSession()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly createCampaign: CreateCampaignUseCase,
    private readonly launchCampaign: LaunchCampaignUseCase,
    private readonly addSuppliers: AddCampaignSuppliersUseCase,
    private readonly closeCampaign: CloseCampaignUseCase,
    private readonly updateCampaign: UpdateCampaignUseCase,
    private readonly removeSupplier: RemoveCampaignSupplierUseCase,
    private readonly deleteDraft: DeleteDraftCampaignUseCase,
    private readonly queries: CampaignQueriesService,
  ) {}

  @Post()
  @Roles('procurement')
  @ApiOperation({ summary: 'Create a draft campaign' })
  @ApiCreatedResponse({ type: CampaignCreatedResponse, description: 'The draft campaign' })
  @ApiErrors({
    400: 'A field is missing or invalid, dueDate is not a real date, is past or is more than a year ahead (Asia/Tokyo), or supplierIds names suppliers the organization does not have (listed in unknownSupplierIds)',
    403: PROCUREMENT_ONLY,
    413: BODY_TOO_LARGE,
  })
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateCampaignDto) {
    return this.createCampaign.execute(user, dto);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: "The organization's campaigns, newest first" })
  @ApiOkResponse({ type: CampaignPageResponse })
  @ApiErrors({ 400: 'status, page or pageSize is invalid' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CampaignListQueryDto,
  ): Promise<Page<unknown>> {
    return this.queries.list(user.organizationId, query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'A campaign with its progress and invitation delivery',
    description:
      '`delivery` counts invitation mails by state. The invitations of a launch (or of suppliers ' +
      'added later) are written by a background fan-out a few seconds after it: until then each ' +
      'invited assessment of a launched campaign without an invitation counts as `queued`.',
  })
  @ApiParam(CAMPAIGN_ID)
  @ApiOkResponse({ type: CampaignDetailResponse })
  @ApiErrors({ 404: NOT_FOUND })
  detail(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', CAMPAIGN_ID_PIPE) id: string,
  ): Promise<CampaignDetail> {
    return this.queries.detail(user.organizationId, id);
  }

  @Patch(':id')
  @Roles('procurement')
  @ApiOperation({
    summary:
      'Rename a campaign, give it another owner, change its due date, or (while a draft) what ' +
      'its invitations say and ask',
    description:
      'Fields left out keep their value. senderName, message, reminderPolicy and catalogVersion ' +
      'can be changed only while the campaign is a draft (409 naming the field once launched; ' +
      'the same value sent again is no change); null or blank clears senderName and message. ' +
      'The owner receives the high-risk alerts, the ' +
      'escalations and the overdue digests of the campaign. A new dueDate on a launched ' +
      'campaign mails every supplier still answering (invited, opened, in progress) the new ' +
      'date with their link, once per change, and the reminders start over from the new date; ' +
      'the same date sent again changes nothing and mails nobody.',
  })
  @ApiParam(CAMPAIGN_ID)
  @ApiOkResponse({ type: CampaignDetailResponse, description: 'The campaign after the change' })
  @ApiErrors({
    400: 'name is blank or too long, ownerId is not an active procurement user or admin of the organization, dueDate is not a real date YYYY-MM-DD, is past or is more than a year ahead (Asia/Tokyo), senderName or message is too long, reminderPolicy or catalogVersion is invalid',
    403: PROCUREMENT_ONLY,
    404: NOT_FOUND,
    409: 'The campaign is closed, or a draft-only field (named in `field`) changes on a launched campaign',
  })
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', CAMPAIGN_ID_PIPE) id: string,
    @Body() dto: UpdateCampaignDto,
  ): Promise<CampaignDetail> {
    await this.updateCampaign.execute(user, id, dto);
    return this.queries.detail(user.organizationId, id);
  }

  @Get(':id/assessments')
  @Roles(...READERS)
  @ApiOperation({ summary: "The campaign's assessments, by supplier name" })
  @ApiParam(CAMPAIGN_ID)
  @ApiOkResponse({ type: CampaignAssessmentPageResponse })
  @ApiErrors({ 400: 'status, page or pageSize is invalid', 404: NOT_FOUND })
  assessments(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', CAMPAIGN_ID_PIPE) id: string,
    @Query() query: AssessmentListQueryDto,
  ): Promise<Page<unknown>> {
    return this.queries.assessments(user.organizationId, id, query);
  }

  /** Idempotent: launching a launched campaign answers 200 with the same state. */
  @Post(':id/launch')
  @HttpCode(200)
  @Roles('procurement')
  @ApiOperation({
    summary: 'Launch: invite every chosen supplier',
    description: 'Idempotent: launching a launched campaign answers 200 and changes nothing.',
  })
  @ApiParam(CAMPAIGN_ID)
  @ApiOkResponse({ type: LaunchResponse })
  @ApiErrors({
    400: 'The draft has no suppliers',
    403: PROCUREMENT_ONLY,
    404: NOT_FOUND,
    409: 'The campaign is closed',
  })
  launch(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', CAMPAIGN_ID_PIPE) id: string,
  ): Promise<LaunchResult> {
    return this.launchCampaign.execute(user, id);
  }

  @Post(':id/suppliers')
  @HttpCode(200)
  @Roles('procurement')
  @ApiOperation({
    summary: 'Add suppliers (a launched campaign invites them at once)',
  })
  @ApiParam(CAMPAIGN_ID)
  @ApiOkResponse({ type: SuppliersAddedResponse })
  @ApiErrors({
    400: `supplierIds is empty or invalid, or names suppliers the organization does not have (listed in unknownSupplierIds)`,
    403: PROCUREMENT_ONLY,
    404: NOT_FOUND,
    409: 'The campaign is closed',
    413: BODY_TOO_LARGE,
  })
  add(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', CAMPAIGN_ID_PIPE) id: string,
    @Body() dto: AddSuppliersDto,
  ): Promise<{ added: number }> {
    return this.addSuppliers.execute(user, { campaignId: id, supplierIds: dto.supplierIds });
  }

  @Delete(':id/suppliers/:supplierId')
  @HttpCode(204)
  @Roles('procurement')
  @ApiOperation({
    summary: "Take a supplier off a draft's choice",
    description:
      'Drafts only: once launched, the chosen suppliers have been invited (close the campaign ' +
      'to stop answers).',
  })
  @ApiParam(CAMPAIGN_ID)
  @ApiParam({ name: 'supplierId', format: 'uuid', description: 'Supplier id' })
  @ApiNoContentResponse({ description: 'The supplier is no longer chosen' })
  @ApiErrors({
    403: PROCUREMENT_ONLY,
    404: `${NOT_FOUND}, or the supplier is not chosen in this draft`,
    409: 'The campaign is launched or closed',
  })
  async removeChosen(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', CAMPAIGN_ID_PIPE) id: string,
    @Param('supplierId', SUPPLIER_ID_PIPE) supplierId: string,
  ): Promise<void> {
    const result = await this.removeSupplier.execute(user, { campaignId: id, supplierId });
    if (!result.removed) throw new NotFoundException(SUPPLIER_NOT_CHOSEN);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('procurement')
  @ApiOperation({
    summary: 'Delete a draft (or a campaign closed before launch) made by mistake',
    description:
      'A draft, or a campaign closed before it was ever launched: nothing was mailed for it and ' +
      'it has no assessments. A launched campaign, closed or not, has invited its suppliers and ' +
      'keeps its history: close it instead. Audited as `campaign.deleted` (with its name and ' +
      'status).',
  })
  @ApiParam(CAMPAIGN_ID)
  @ApiNoContentResponse({ description: 'The campaign is deleted' })
  @ApiErrors({
    403: PROCUREMENT_ONLY,
    404: NOT_FOUND,
    409: 'The campaign is launched, or was launched before it was closed (`campaignStatus` and `reason`: `campaign_launched` or `closed_after_launch`)',
  })
  async remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', CAMPAIGN_ID_PIPE) id: string,
  ): Promise<void> {
    await this.deleteDraft.execute(user, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('procurement')
  @ApiOperation({
    summary: 'Close: links stop opening and no more mail goes out',
    description: 'Idempotent: closing a closed campaign answers 200.',
  })
  @ApiParam(CAMPAIGN_ID)
  @ApiOkResponse({ type: CampaignClosedResponse })
  @ApiErrors({ 403: PROCUREMENT_ONLY, 404: NOT_FOUND })
  close(@CurrentUser() user: AuthenticatedUser, @Param('id', CAMPAIGN_ID_PIPE) id: string) {
    return this.closeCampaign.execute(user, id);
  }
}
