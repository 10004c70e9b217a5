import { PageQuery } from '../../common/page-query';

/** GET /api/v1/users: paging only. */
export class ListUsersQuery extends PageQuery {}
