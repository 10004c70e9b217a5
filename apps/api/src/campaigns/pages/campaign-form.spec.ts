import { tokyoToday } from '@kakehashi/mail';
import { emptyCampaignForm, readCampaignForm, toCreateCampaignDto } from './campaign-form';
import { reminderSchedule } from './campaign-pages.presenter';
import { CAMPAIGN_PAGES_TEXT } from './campaign-pages-text';

describe('the new-campaign form', () => {
  const ja = CAMPAIGN_PAGES_TEXT.ja;
  const form = (fields: Record<string, string>) =>
    readCampaignForm({ ...emptyCampaignForm(tokyoToday()), name: '点検', ...fields });

  it('starts from the default questionnaire and reminder policy', () => {
    expect(emptyCampaignForm('2026-06-01')).toEqual({
      name: '',
      dueDate: '2026-06-01',
      catalogVersion: 'meti-v3.0+sa-3.1',
      beforeDays: '7,3,1',
      overdueEveryDays: '3',
      escalateAfterOverdue: '2',
      senderName: '',
      message: '',
    });
  });

  it('carries the sender name and the cover note to the invitation, refusing them too long', async () => {
    const result = await toCreateCampaignDto(
      form({ senderName: ' 調達部 ', message: '期日までに\r\nご回答ください。' }),
      ja,
    );
    expect(result.ok && [result.dto.senderName, result.dto.message]).toEqual([
      '調達部',
      '期日までに\nご回答ください。',
    ]);
    const blank = await toCreateCampaignDto(form({ senderName: ' ', message: '' }), ja);
    expect(blank.ok && [blank.dto.senderName, blank.dto.message]).toEqual([undefined, undefined]);
    const long = await toCreateCampaignDto(
      form({ senderName: 'あ'.repeat(101), message: 'い'.repeat(2001) }),
      ja,
    );
    expect(!long.ok && long.errors.byField).toEqual({
      senderName: '「送信者名」は100文字以内で入力してください。',
      message: '「依頼文」は2000文字以内で入力してください。',
    });
  });

  it('refuses a due date more than a year ahead, saying the last date allowed', async () => {
    const now = new Date('2026-12-06T01:00:00Z');
    const ok = await toCreateCampaignDto(form({ dueDate: '2027-12-06' }), ja, now);
    expect(ok.ok).toBe(true);
    const far = await toCreateCampaignDto(form({ dueDate: '2027-12-07' }), ja, now);
    expect(!far.ok && far.errors.byField).toEqual({
      dueDate: '「回答期限」は 1 年先まで（2027年12月6日(月)まで）の日付を指定してください。',
    });
    const en = await toCreateCampaignDto(
      form({ dueDate: '2099-12-31' }),
      CAMPAIGN_PAGES_TEXT.en,
      now,
    );
    expect(!en.ok && en.errors.byField.dueDate).toBe(
      'The due date must be at most one year ahead (Mon, 6 Dec 2027 or earlier).',
    );
  });

  it('reads the days before the due date as typed on a Japanese keyboard', async () => {
    const result = await toCreateCampaignDto(
      form({ beforeDays: ' ３，１４、7 7 ', overdueEveryDays: '１', escalateAfterOverdue: '0' }),
      ja,
    );
    expect(result.ok && result.dto.reminderPolicy).toEqual({
      beforeDays: [14, 7, 3],
      overdueEveryDays: 1,
      escalateAfterOverdue: 0,
    });
    const none = await toCreateCampaignDto(form({ beforeDays: '' }), ja);
    expect(none.ok && none.dto.reminderPolicy?.beforeDays).toEqual([]);
  });

  it('refuses each bad field once, beside the field, in the page’s words', async () => {
    const result = await toCreateCampaignDto(
      form({ beforeDays: '7,91', overdueEveryDays: '0', escalateAfterOverdue: '2.5' }),
      ja,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.fields).toEqual([
      'beforeDays',
      'overdueEveryDays',
      'escalateAfterOverdue',
    ]);
    expect(result.errors.byField).toEqual({
      beforeDays: ja.errors.beforeDays,
      overdueEveryDays: ja.errors.overdueEveryDays,
      escalateAfterOverdue: ja.errors.escalateAfterOverdue,
    });
  });
});

describe('the reminder schedule in words', () => {
  it('says each step, in Japanese and in English', () => {
    const policy = { beforeDays: [1, 7, 3], overdueEveryDays: 3, escalateAfterOverdue: 2 };
    expect(reminderSchedule('ja', policy)).toEqual([
      '回答期限の 7 日前・3 日前・1 日前にリマインダーを送ります。',
      '期限を過ぎると 3 日ごとにリマインダーを送ります。',
      '期限後のリマインダーを 2 回送っても未提出のサプライヤーは、期限の 6 日後に担当者へ知らせます。',
    ]);
    expect(reminderSchedule('en', policy)).toEqual([
      'Reminders go out 7, 3 and 1 days before the due date.',
      'Once overdue, a reminder goes out every 3 days.',
      'Suppliers still not submitted after 2 overdue reminders are reported to the owner 6 days after the due date.',
    ]);
  });

  it('says when a step is left out, and counts one day as one', () => {
    const policy = { beforeDays: [], overdueEveryDays: 1, escalateAfterOverdue: 0 };
    expect(reminderSchedule('en', policy)).toEqual([
      'No reminder goes out before the due date.',
      'Once overdue, a reminder goes out every day.',
      'Nothing is escalated to the owner.',
    ]);
    expect(
      reminderSchedule('en', { beforeDays: [1], overdueEveryDays: 1, escalateAfterOverdue: 1 }),
    ).toEqual([
      'Reminders go out 1 day before the due date.',
      'Once overdue, a reminder goes out every day.',
      'Suppliers still not submitted after 1 overdue reminder are reported to the owner 1 day after the due date.',
    ]);
    expect(reminderSchedule('ja', policy)[0]).toBe('回答期限前のリマインダーは送りません。');
  });
});
