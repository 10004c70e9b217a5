import { IntersectionType } from '@nestjs/swagger';
import { PageQuery } from '../../common/page-query';
import { AuditEventFilterQuery } from './audit-event-filter.query';

/** GET /api/v1/audit-events: the filters and paging. */
export class ListAuditEventsQuery extends IntersectionType(AuditEventFilterQuery, PageQuery) {}
