import { DataSource } from 'typeorm';
import { Answers, getCatalog, resolveItems } from '@kakehashi/domain';
import {
  MailLocale,
  answerSummary,
  evidenceIdsIn,
  formatDateTime,
  isAnswered,
} from '@kakehashi/mail';
import type { MailContext } from './mail-context.loader';
import { LoadedMail } from './mail-row.loader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The supplier's copy of submission n (`receipt:<assessmentId>:<n>`): the answers as they stand
 * while that submission does. Once the assessment was reopened (or submitted again) before this
 * went out, its answers are no longer those submitted, so nothing is sent (a later submission
 * gets its own receipt). The mail carries no link.
 */
export async function loadSubmissionReceipt(
  dataSource: DataSource,
  row: LoadedMail,
  locale: MailLocale,
): Promise<MailContext> {
  const submission = Number(row.messageKey.split(':')[2]);
  if (
    !row.assessmentId ||
    !Number.isInteger(submission) ||
    row.supplierName === null ||
    row.campaignName === null
  ) {
    return { send: false, reason: 'assessment not found' };
  }
  if (!row.contactId) return { send: false, reason: 'contact removed' };
  if (row.contactUndeliverable) return { send: false, reason: 'contact undeliverable' };
  const [assessment] = await dataSource.query<
    { catalogVersion: string; answers: Answers; submittedAt: Date | null }[]
  >(
    `SELECT catalog_version AS "catalogVersion", answers, submitted_at AS "submittedAt"
       FROM assessments
      WHERE id = $1 AND organization_id = $2 AND submission_count = $3
        AND status IN ('submitted', 'scored')`,
    [row.assessmentId, row.organizationId, submission],
  );
  if (!assessment?.submittedAt) return { send: false, reason: 'reopened before sending' };
  const catalog = getCatalog(assessment.catalogVersion);
  if (!catalog) return { send: false, reason: 'assessment not found' };
  const answers = assessment.answers;
  const evidenceIds = evidenceIdsIn(catalog, answers).filter((id) => UUID.test(id));
  const files = evidenceIds.length
    ? await dataSource.query<{ id: string; filename: string }[]>(
        `SELECT id, filename FROM evidence_files
          WHERE organization_id = $1 AND assessment_id = $2 AND id = ANY($3::uuid[])`,
        [row.organizationId, row.assessmentId, evidenceIds],
      )
    : [];
  const states = resolveItems(catalog, answers);
  const visible = catalog.sections.flatMap((s) => s.items).filter((i) => states.get(i.id)?.visible);
  const senderName = row.senderName ?? row.organizationName;
  return {
    send: true,
    fromName: senderName,
    replyTo: row.buyerContactEmail
      ? { name: row.buyerContactName ?? '', address: row.buyerContactEmail }
      : undefined,
    mail: {
      kind: 'submission_receipt',
      locale,
      data: {
        recipientName: row.toName,
        organizationName: row.organizationName,
        senderName,
        supplierName: row.supplierName,
        campaignName: row.campaignName,
        submittedAt: formatDateTime(new Date(assessment.submittedAt), locale),
        submission,
        answeredCount: visible.filter((i) => isAnswered(answers[i.id])).length,
        itemCount: visible.length,
        sections: answerSummary({
          catalog,
          answers,
          lang: locale,
          evidence: new Map(files.map((f) => [f.id, f.filename])),
        }).map((section) => ({
          title: section.title,
          items: section.items.map(({ text, answer }) => ({ text, answer })),
        })),
      },
    },
  };
}
