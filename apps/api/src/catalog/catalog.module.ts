import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller';

/** The published questionnaire catalog, read-only (GET /catalog, GET /catalog/:version). */
@Module({ controllers: [CatalogController] })
export class CatalogModule {}
