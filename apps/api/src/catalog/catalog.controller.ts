import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import {
  CatalogDocument,
  catalogDocument,
  CatalogVersionSummary,
  listCatalogVersions,
} from './catalog-document';
import { CatalogDocumentResponse, CatalogVersionResponse } from './catalog.doc';

/**
 * A published version never changes; a private cache spares clients refetching it. Set on success
 * only, so a 404 is not cached past the publication of that version.
 */
const CACHE_CONTROL = 'private, max-age=3600';

/**
 * The questionnaire catalog: the same for every tenant, and every signed-in role reads it (no
 * @Roles), so integrators can pick a campaign's version and map the answers they will get back.
 */
@ApiTags('catalog')
@ApiBuyerSession()
@Controller('catalog')
export class CatalogController {
  @Get()
  @ApiOperation({ summary: 'The catalog versions a campaign can use' })
  @ApiOkResponse({ type: [CatalogVersionResponse] })
  list(@Res({ passthrough: true }) reply: FastifyReply): CatalogVersionSummary[] {
    void reply.header('cache-control', CACHE_CONTROL);
    return listCatalogVersions();
  }

  @Get(':version')
  @ApiOperation({
    summary: 'The questionnaire of one catalog version',
    description:
      'Sections and items as suppliers see them, in the item shape of GET /respond/{token}, ' +
      'with the rules that show conditional items (`visibleWhen`) instead of `visible`.',
  })
  @ApiParam({ name: 'version', example: DEFAULT_CATALOG_VERSION, description: 'Catalog version' })
  @ApiOkResponse({ type: CatalogDocumentResponse })
  @ApiErrors({ 404: 'Catalog version not found' })
  get(
    @Param('version') version: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): CatalogDocument {
    const document = catalogDocument(version);
    if (!document) throw new NotFoundException('Catalog version not found');
    void reply.header('cache-control', CACHE_CONTROL);
    return document;
  }
}
