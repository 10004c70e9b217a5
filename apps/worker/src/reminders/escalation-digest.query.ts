import { EntityManager } from 'typeorm';

export interface EscalatedSupplier {
  assessmentId: string;
  supplierId: string;
  supplierName: string;
  campaignId: string;
  campaignName: string;
  dueDate: string;
  daysOverdue: number;
}

/**
 * What an escalation digest (`escalate:<ownerId>:<YYYY-MM-DD>`) lists: the owner's suppliers
 * still not submitted whose overdue reminders reached the campaign's escalateAfterOverdue on
 * that Tokyo date. The mail processor renders the digest from this at send time, so a supplier
 * who submitted in the meantime is left out, and so is a reopened assessment (answered once; the
 * buyer who reopened it follows it up).
 */
export async function findEscalatedSuppliers(
  manager: EntityManager,
  { organizationId, ownerId, date }: { organizationId: string; ownerId: string; date: string },
): Promise<EscalatedSupplier[]> {
  return manager.query(
    `SELECT a.id AS "assessmentId", s.id AS "supplierId", s.name AS "supplierName",
            c.id AS "campaignId", c.name AS "campaignName", to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate",
            ($3::date - c.due_date) AS "daysOverdue"
       FROM assessments a
       JOIN campaigns c ON c.id = a.campaign_id
       JOIN suppliers s ON s.id = a.supplier_id
      WHERE a.organization_id = $1 AND c.owner_id = $2 AND c.status = 'launched'
        AND a.status IN ('invited', 'opened', 'in_progress')
        AND a.submission_count = 0
        AND (c.reminder_policy->>'escalateAfterOverdue')::int > 0
        AND $3::date - c.due_date >= (c.reminder_policy->>'escalateAfterOverdue')::int
                                   * (c.reminder_policy->>'overdueEveryDays')::int
      ORDER BY c.due_date, s.name`,
    [organizationId, ownerId, date],
  );
}
