import { DEFAULT_REMINDER_POLICY } from '@kakehashi/database';
import type { CampaignDetail } from '../campaign-queries.service';
import { listPageData } from './campaign-pages.presenter';

const campaign: CampaignDetail = {
  id: '7d1f1f0e-5f7a-4b8e-9a43-2f1f4b6b1c01',
  name: '2027年度 調査',
  status: 'launched',
  catalogVersion: 'meti-v3-sa-3-1',
  dueDate: '2027-01-31',
  senderName: null,
  message: null,
  reminderPolicy: DEFAULT_REMINDER_POLICY,
  ownerId: '7d1f1f0e-5f7a-4b8e-9a43-2f1f4b6b1c02',
  launchedAt: '2026-12-01T00:00:00.000Z',
  closedAt: null,
  createdAt: '2026-11-30T00:00:00.000Z',
  draftSupplierCount: 0,
  counts: { invited: 1, opened: 0, in_progress: 0, submitted: 0, scored: 0, overdue: 0 },
  delivery: { queued: 0, sent: 1, failed: 0, skipped: 0 },
  undeliverable: [],
};

const rows = (locale: 'ja' | 'en') =>
  listPageData({
    locale,
    page: { items: [campaign], total: 1, page: 1, pageSize: 50 },
    details: [campaign],
    canEdit: true,
  }).rows as { dueDate: string }[];

describe('campaign list page', () => {
  it('shows the due date in words, as the detail pages do (Japan time, with the weekday)', () => {
    expect(rows('ja')[0].dueDate).toBe('2027年1月31日(日)');
    expect(rows('en')[0].dueDate).toBe('Sun, 31 Jan 2027');
  });
});
