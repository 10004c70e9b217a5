import type { Locale } from '../../console/console-locale';

/** Text of the console's tenant settings page (ja first, en beside it). */
export const SETTINGS_PAGE_TEXT = {
  ja: {
    title: '設定',
    intro: '組織全体の設定です。変更できるのは管理者だけです。',
    readOnly: '設定を変更できるのは管理者だけです。',
    saved: '設定を保存しました。',
    save: '保存',
    quietHours: {
      heading: 'リマインダーの送信時間帯',
      help: 'サプライヤーへのリマインダーは、この時間帯（日本時間）にだけ送信されます。',
      startHour: '開始時刻',
      endHour: '終了時刻',
      weekdaysOnly: '営業日だけ送信する（土日・祝日・年末年始 12/29〜1/3 は送らない）',
      everyDay: '毎日',
      weekdays: '営業日のみ（土日・祝日・年末年始を除く）',
      window: (start: string, end: string) => `${start}〜${end}（日本時間）`,
      defaults: (start: string, end: string) => `既定値: 平日 ${start}〜${end}`,
    },
    targetProfile: {
      heading: '目標成熟度（ダッシュボードのレーダーチャート）',
      help: '指示ごとの目標値を 1〜5（小数は 1 桁まで）で入力します。いま使われている値が入っています。',
      usingDefault: (value: string) => `既定値（すべて ${value}）を使用しています。`,
      resetToDefault: (value: string) => `既定値（すべて ${value}）に戻す`,
      directive: '指示',
      target: '目標値',
      short: (n: number) => `指示${n}`,
    },
    errors: {
      startHour: '開始時刻は 0 時〜23 時から選んでください。',
      endHour: '終了時刻は 1 時〜24 時から選んでください。',
      endBeforeStart: '終了時刻は開始時刻より後にしてください。',
      weekdaysOnly: '「平日のみ」の指定が正しくありません。',
      targetCount: '目標値は 10 項目すべてに入力するか、すべて空欄にしてください。',
      targetValue: (directives: string) =>
        `目標値は 1〜5 の数値（小数は 1 桁まで）で入力してください: ${directives}`,
      otherSite:
        '別のサイトから送信されたフォームは受け付けられません。このページから送信してください。',
      invalid: '入力内容を確認してください。',
    },
  },
  en: {
    title: 'Settings',
    intro: 'Settings for the whole organization. Only an admin can change them.',
    readOnly: 'Only an admin can change these settings.',
    saved: 'The settings were saved.',
    save: 'Save',
    quietHours: {
      heading: 'Reminder sending hours',
      help: 'Reminders to suppliers go out only within these hours (Japan time).',
      startHour: 'From',
      endHour: 'Until',
      weekdaysOnly:
        'Send on business days only (not on weekends, Japanese public holidays or 29 Dec – 3 Jan)',
      everyDay: 'Every day',
      weekdays: 'Business days only (no weekends, public holidays or 29 Dec – 3 Jan)',
      window: (start: string, end: string) => `${start}–${end} (Japan time)`,
      defaults: (start: string, end: string) => `Default: weekdays ${start}–${end}`,
    },
    targetProfile: {
      heading: 'Target maturity (dashboard radar chart)',
      help: 'A target from 1 to 5 (at most one decimal) for each directive. The fields show the values in use.',
      usingDefault: (value: string) => `Using the default (${value} for every directive).`,
      resetToDefault: (value: string) => `Go back to the default (${value} for every directive)`,
      directive: 'Directive',
      target: 'Target',
      short: (n: number) => `Directive ${n}`,
    },
    errors: {
      startHour: 'Choose a start hour from 0 to 23.',
      endHour: 'Choose an end hour from 1 to 24.',
      endBeforeStart: 'The end hour must be later than the start hour.',
      weekdaysOnly: 'The weekdays-only choice is not valid.',
      targetCount: 'Enter a target for all 10 directives, or leave them all empty.',
      targetValue: (directives: string) =>
        `Targets must be numbers from 1 to 5 with at most one decimal: ${directives}`,
      otherSite: 'A form sent from another site is not accepted. Please send it from this page.',
      invalid: 'Please check what you entered.',
    },
  },
} satisfies Record<Locale, unknown>;

export type SettingsPageText = (typeof SETTINGS_PAGE_TEXT)['ja'];
