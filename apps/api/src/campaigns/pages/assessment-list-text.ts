import type { Locale } from '../../console/console-locale';
import type { AssessmentFilter } from '../assessment-filter';
import type { RemindRefusal } from '../../assessments/remind-assessment.use-case';

/**
 * Text of the campaign page's assessment list: its status filter and pages, the CSV of the
 * suppliers still to answer, and 「今すぐ催促」 (ja first, en beside it).
 */
export const ASSESSMENT_LIST_TEXT = {
  ja: {
    filterLabel: '状態で絞り込む',
    all: 'すべて',
    filters: {
      open: '未回答',
      invited: '未開封',
      opened: '開封済み',
      in_progress: '回答中',
      submitted: '提出済み',
      scored: '採点済み',
      overdue: '期限超過',
    } satisfies Record<AssessmentFilter, string>,
    range: (from: string, to: string, total: string) => `${total} 件中 ${from}〜${to} 件目`,
    noMatch: 'この状態の評価はありません。',
    noSearchMatch: '検索に合う評価はありません。',
    searchLabel: 'サプライヤーを検索',
    search: '検索',
    clearSearch: '検索をやめる',
    searchHelp: 'サプライヤー名・法人番号・連絡先のメールアドレスの一部で探せます。',
    lastOpened: '最終開封',
    remindersSent: '催促済み',
    remindersCount: (n: string) => `${n} 回`,
    never: '—',
    pagination: '評価の一覧のページ',
    csv: '未回答のサプライヤーを CSV で出力',
    remindColumn: '催促',
    remind: '今すぐ催促',
    remindFor: (supplier: string) => `${supplier} に今すぐ催促`,
    remindedToday: '本日催促済み',
    remindHelp:
      '「今すぐ催促」は、送信時間帯の設定にかかわらず、その場で催促メール（新しい回答用リンク付き）をサプライヤーの担当者に送ります。1 社につき 1 日 1 回までです（日本時間）。同じ日に予定のリマインダーが送られていれば催促できず、今すぐ催促した日の予定のリマインダーは送られません（以降の予定はそのままです）。',
    refusals: {
      already_reminded_today:
        'このサプライヤーには本日すでに催促メールを送っています。催促は 1 日 1 回までです（日本時間）。',
      submitted: 'このサプライヤーはすでに提出しているため、催促しませんでした。',
      campaign_not_launched: '実施中のキャンペーンではないため、催促できません。',
      no_contact: 'このサプライヤーには主担当の連絡先がないため、催促できません。',
      contact_undeliverable:
        '主担当のメールアドレスに届かなかったため、催促しませんでした。サプライヤーの連絡先を直してください。',
      not_invited_yet:
        '招待メールがまだ送られていないため、催促しませんでした。招待メールの送信後にお試しください。',
    } satisfies Record<RemindRefusal, string>,
  },
  en: {
    filterLabel: 'Filter by status',
    all: 'All',
    filters: {
      open: 'Not submitted',
      invited: 'Not opened',
      opened: 'Opened',
      in_progress: 'In progress',
      submitted: 'Submitted',
      scored: 'Scored',
      overdue: 'Overdue',
    } satisfies Record<AssessmentFilter, string>,
    range: (from: string, to: string, total: string) => `${from}–${to} of ${total}`,
    noMatch: 'No assessment in this status.',
    noSearchMatch: 'No assessment matches the search.',
    searchLabel: 'Search suppliers',
    search: 'Search',
    clearSearch: 'Clear the search',
    searchHelp: 'Part of the supplier name, the corporate number (法人番号) or a contact’s email.',
    lastOpened: 'Last opened',
    remindersSent: 'Reminders sent',
    remindersCount: (n: string) => n,
    never: '—',
    pagination: 'Pages of the assessments',
    csv: 'Export the suppliers yet to answer (CSV)',
    remindColumn: 'Reminder',
    remind: 'Remind now',
    remindFor: (supplier: string) => `Remind now: ${supplier}`,
    remindedToday: 'Reminded today',
    remindHelp:
      '“Remind now” mails the supplier’s contact a reminder with a fresh answer link at once, whatever the sending window. At most once a day per supplier (Japan time). It is refused the day a scheduled reminder went out, and a scheduled reminder due the day of “Remind now” is not sent (the later ones are).',
    refusals: {
      already_reminded_today:
        'This supplier was already sent a reminder today. Suppliers are reminded at most once a day (Japan time).',
      submitted: 'This supplier has already submitted, so no reminder was sent.',
      campaign_not_launched: 'The campaign is not running, so no reminder can be sent.',
      no_contact: 'This supplier has no primary contact, so no reminder can be sent.',
      contact_undeliverable:
        'Mail to the primary contact bounced, so no reminder was sent. Correct the supplier’s contact first.',
      not_invited_yet:
        'The invitation has not been sent yet, so no reminder was sent. Try again once it has gone out.',
    } satisfies Record<RemindRefusal, string>,
  },
} satisfies Record<Locale, unknown>;

export type AssessmentListText = (typeof ASSESSMENT_LIST_TEXT)['ja'];
