import type { AuditActorType } from '@kakehashi/database';
import type { Locale } from '../console/console-locale';

type Label = Record<Locale, string>;

/**
 * Every action the code records, grouped as the filter shows them, with its words in ja/en.
 * An action missing here (recorded by newer code, or by hand) is shown as its code.
 */
export const AUDIT_ACTION_GROUPS: { group: Label; actions: Record<string, Label> }[] = [
  {
    group: { ja: 'ログイン', en: 'Sign-in' },
    actions: {
      'auth.login': { ja: 'ログイン', en: 'Signed in' },
      'auth.login_failed': { ja: 'ログイン失敗', en: 'Sign-in failed' },
      'auth.logout': { ja: 'ログアウト', en: 'Signed out' },
    },
  },
  {
    group: { ja: 'ユーザー', en: 'Users' },
    actions: {
      'user.invited': { ja: 'ユーザーを招待', en: 'User invited' },
      'user.invitation_resent': { ja: '招待メールを再送', en: 'Invitation sent again' },
      'user.password_set': { ja: 'パスワードを設定', en: 'Password set' },
      'user.password_reset_requested': {
        ja: 'パスワードの再設定を依頼',
        en: 'Password reset requested',
      },
      'user.password_reset': { ja: 'パスワードを再設定', en: 'Password reset' },
      'user.updated': { ja: 'ユーザーを変更', en: 'User changed' },
      'user.deactivated': { ja: 'ユーザーを無効化', en: 'User deactivated' },
      'user.reactivated': { ja: 'ユーザーを再有効化', en: 'User reactivated' },
      'user.handed_over': { ja: '担当を引き継ぎ', en: 'Work handed over' },
    },
  },
  {
    group: { ja: '組織', en: 'Organization' },
    actions: {
      'organization.created': { ja: '組織を作成', en: 'Organization created' },
      'organization.settings_updated': { ja: '設定を変更', en: 'Settings changed' },
    },
  },
  {
    group: { ja: 'サプライヤー', en: 'Suppliers' },
    actions: {
      'supplier.create': { ja: 'サプライヤーを登録', en: 'Supplier registered' },
      'supplier.update': { ja: 'サプライヤーを変更', en: 'Supplier changed' },
      'supplier.import': { ja: 'サプライヤーを取り込み', en: 'Supplier imported' },
    },
  },
  {
    group: { ja: 'キャンペーン', en: 'Campaigns' },
    actions: {
      'campaign.created': { ja: 'キャンペーンを作成', en: 'Campaign created' },
      'campaign.updated': { ja: 'キャンペーンを変更', en: 'Campaign changed' },
      'campaign.suppliers_added': {
        ja: 'キャンペーンにサプライヤーを追加',
        en: 'Suppliers added to a campaign',
      },
      'campaign.supplier_removed': {
        ja: 'キャンペーンからサプライヤーを外した',
        en: 'Supplier removed from a campaign',
      },
      'campaign.launched': { ja: 'キャンペーンを開始', en: 'Campaign launched' },
      'campaign.closed': { ja: 'キャンペーンを終了', en: 'Campaign closed' },
      'campaign.deleted': { ja: '未開始のキャンペーンを削除', en: 'Unlaunched campaign deleted' },
    },
  },
  {
    group: { ja: '回答', en: 'Assessments' },
    actions: {
      'assessment.opened': { ja: '回答を開始', en: 'Questionnaire opened' },
      'assessment.session_started': {
        ja: '回答画面を開いた（2回目以降）',
        en: 'Questionnaire session started',
      },
      'assessment.answers_saved': { ja: '回答を保存', en: 'Answers saved' },
      'assessment.evidence_uploaded': { ja: '証跡をアップロード', en: 'Evidence uploaded' },
      'assessment.submitted': { ja: '回答を提出', en: 'Answers submitted' },
      'assessment.reopened': { ja: '再回答を依頼', en: 'Reopened for changes' },
      'assessment.reminded': { ja: '督促メールを送信', en: 'Reminder sent' },
      'assessment.link_requested': { ja: '新しいリンクを依頼', en: 'New link requested' },
      'assessment.links_revoked': { ja: 'リンクを無効化', en: 'Links revoked' },
    },
  },
  {
    group: { ja: '指摘事項', en: 'Findings' },
    actions: {
      'finding.status_changed': { ja: '指摘事項の状態を変更', en: 'Finding status changed' },
    },
  },
  {
    // Who took which data out (see export-audit.ts): kind by action, format and rows in details.
    group: { ja: 'エクスポート', en: 'Exports' },
    actions: {
      'supplier.exported': {
        ja: 'サプライヤー台帳をエクスポート',
        en: 'Supplier registry exported',
      },
      'dashboard.exported': {
        ja: 'ダッシュボードのリスク一覧をエクスポート',
        en: 'Dashboard risk list exported',
      },
      'campaign.unanswered_exported': {
        ja: '未回答のサプライヤー一覧をエクスポート',
        en: 'Unanswered suppliers exported',
      },
      'audit.exported': { ja: '監査ログをエクスポート', en: 'Audit log exported' },
    },
  },
];

const ACTION_LABELS: Record<string, Label> = Object.assign(
  {},
  ...AUDIT_ACTION_GROUPS.map((g) => g.actions),
) as Record<string, Label>;

/** The action in words; an action this code does not know is shown as recorded. */
export function actionLabel(action: string, locale: Locale): string {
  return Object.hasOwn(ACTION_LABELS, action) ? ACTION_LABELS[action][locale] : action;
}

export function isKnownAction(action: string): boolean {
  return Object.hasOwn(ACTION_LABELS, action);
}

/** The kinds of target the code records (an unknown one is shown as recorded). */
export const AUDIT_TARGET_TYPES: Record<string, Label> = {
  supplier: { ja: 'サプライヤー', en: 'Supplier' },
  campaign: { ja: 'キャンペーン', en: 'Campaign' },
  assessment: { ja: '回答', en: 'Assessment' },
  user: { ja: 'ユーザー', en: 'User' },
  organization: { ja: '組織', en: 'Organization' },
  finding: { ja: '指摘事項', en: 'Finding' },
};

export function targetTypeLabel(type: string, locale: Locale): string {
  return Object.hasOwn(AUDIT_TARGET_TYPES, type) ? AUDIT_TARGET_TYPES[type][locale] : type;
}

/** Actors other than a named user, in words. */
export const AUDIT_ACTOR_LABELS: Record<AuditActorType, Label> = {
  user: { ja: 'ユーザー', en: 'User' },
  supplier: { ja: 'サプライヤー', en: 'Supplier' },
  system: { ja: 'システム', en: 'System' },
  anonymous: { ja: '未ログイン', en: 'Not signed in' },
};

export function actorTypeLabel(type: string, locale: Locale): string {
  return Object.hasOwn(AUDIT_ACTOR_LABELS, type)
    ? AUDIT_ACTOR_LABELS[type as AuditActorType][locale]
    : type;
}
