import type { Locale } from '../../console/console-locale';

/** Words of the unanswered suppliers' CSV (ja first, en beside it); times are Japan time. */
export const UNANSWERED_EXPORT_TEXT = {
  ja: {
    headers: {
      supplierName: 'サプライヤー名',
      corporateNumber: '法人番号',
      contactName: '担当者名',
      contactEmail: '担当者メールアドレス',
      status: '状態',
      overdue: '期限超過',
      lastOpened: '最終開封日時（日本時間）',
      lastSaved: '最終保存日時（日本時間）',
      remindersSent: '催促メール送信数',
      dueDate: '回答期限',
      link: '評価ページ',
    },
    statuses: { invited: '未開封', opened: '開封済み', in_progress: '回答中' },
    yes: '期限超過',
    filename: 'unanswered-suppliers',
  },
  en: {
    headers: {
      supplierName: 'Supplier',
      corporateNumber: 'Corporate number',
      contactName: 'Contact name',
      contactEmail: 'Contact email',
      status: 'Status',
      overdue: 'Overdue',
      lastOpened: 'Last opened (Japan time)',
      lastSaved: 'Last saved (Japan time)',
      remindersSent: 'Reminders sent',
      dueDate: 'Due date',
      link: 'Assessment page',
    },
    statuses: { invited: 'Not opened', opened: 'Opened', in_progress: 'In progress' },
    yes: 'Overdue',
    filename: 'unanswered-suppliers',
  },
} satisfies Record<Locale, unknown>;
