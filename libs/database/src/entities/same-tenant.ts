import type { JoinColumnOptions } from 'typeorm';

/**
 * The join of a tenant-safe reference: the child's (organization_id, `column`) must name a
 * parent row (organization_id, id) of the same tenant. The parent has a unique index on that
 * pair; `constraint` names the foreign key (migrations refer to it by name).
 */
export function sameTenant(column: string, constraint: string): JoinColumnOptions[] {
  return [
    {
      name: 'organization_id',
      referencedColumnName: 'organizationId',
      foreignKeyConstraintName: constraint,
    },
    { name: column, referencedColumnName: 'id' },
  ];
}
