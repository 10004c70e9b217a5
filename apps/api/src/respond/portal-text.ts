import { formatDateTime as formatMailDateTime } from '@kakehashi/mail';
/** Interface wording of the supplier portal, Japanese first. */
export type Lang = 'ja' | 'en';

const ja = {
  appName: 'Kakehashi サプライヤー調査',
  skip: '本文へスキップ',
  language: '言語',
  switchTo: 'English',
  startTitle: 'セキュリティ調査票へのご回答のお願い',
  startLead:
    '以下のボタンを押すと回答を始めます。回答は自動で保存され、途中で中断して後から再開できます。',
  startButton: '回答を始める',
  dueDate: '回答期限',
  requestedBy: '依頼元',
  buyerContact: 'お問い合わせ先',
  supplier: '回答企業',
  submittedTitle: 'この調査票は提出済みです',
  submittedLead:
    'ご回答ありがとうございました。内容の修正が必要な場合は、依頼元からの連絡をお待ちください。',
  notFoundTitle: 'リンクが見つかりません',
  notFoundLead: 'URL が正しいかご確認ください。メールに記載されたリンクをもう一度お試しください。',
  goneTitle: 'このリンクは有効期限切れか、無効になっています',
  goneLead: 'ご登録のメールアドレスに新しいリンクをお送りできます。',
  closedTitle: '回答の受付は終了しました',
  closedLead: 'この調査は締め切られました。ご不明な点は依頼元にお問い合わせください。',
  goneContactLead: '新しいリンクが届かない場合やご不明な点は、依頼元にお問い合わせください。',
  resendButton: '新しいリンクを送る',
  linkSentTitle: '新しいリンクを送信しました',
  linkSentLead:
    'ご登録のメールアドレス宛てに新しいリンクをお送りしました。数分以内に届かない場合は依頼元にお問い合わせください。',
  sessionEndedTitle: 'セッションの有効期限が切れました',
  sessionEndedLead:
    '最後に自動保存された後の変更は、保存されていない可能性があります（それまでに保存された回答は残っています）。依頼元からの最新のメールに記載されたリンクからもう一度開き、回答内容をご確認ください。',
  sessionEndedResendLead:
    'メールが見当たらない場合は、ご登録のメールアドレスに新しいリンクをお送りできます。',
  sessionEndedContactLead: 'メールが見当たらない場合は、依頼元にお問い合わせください。',
  sections: 'セクション一覧',
  progress: '必須回答',
  overview: '回答状況と提出',
  required: '必須',
  save: '保存',
  saveNext: '保存して次へ',
  previous: '前へ',
  next: '次へ',
  saved: '保存しました',
  saving: '保存中…',
  saveFailed: '保存できませんでした。通信状況を確認してください。',
  conflict:
    '別の画面（別のタブや別の担当者）でこの調査票が更新されました。最新の内容を表示するには再読み込みしてください。あなたの未保存の入力：',
  reload: '再読み込み',
  levelsHelp: '成熟度レベルの定義',
  yes: 'はい',
  no: 'いいえ',
  none: 'いずれも該当しない',
  upload: 'アップロード',
  uploadHelp: 'PDF・PNG・JPEG・XLSX・DOCX、10 MB まで',
  currentFile: '添付済み',
  submit: '回答を提出する',
  submitLead: '提出すると回答は確定され、編集できなくなります。',
  missingTitle: '未回答の必須項目があります',
  allAnswered: 'すべての必須項目に回答済みです。',
  thankYouTitle: 'ご回答ありがとうございました',
  thankYouLead: '回答を受け付けました。この画面を印刷して控えとして保管できます。',
  receipt: '回答控え',
  submittedAt: '提出日時',
  print: '印刷する',
  reopened: '依頼元から回答の修正依頼があります',
  errorsTitle: '入力内容を確認してください',
  unanswered: '未回答',
  tooManyTitle: 'しばらくしてからお試しください',
  tooManyLead: '短時間に多くのリクエストがありました。',
  sessionMismatch: 'この画面は別の調査票のセッションになっています。再読み込みしてください。',
  autosaveSessionEnded:
    'セッションの有効期限が切れたため保存できませんでした。メールに記載されたリンクからもう一度開いてください。',
  autosaveGone: 'このリンクは有効期限切れか無効になっているため、保存できませんでした。',
  autosaveClosed: 'この調査は締め切られたため、保存できませんでした。',
  lockedNotice: 'この調査票は提出済みのため、変更は保存されませんでした。',
  uploadMissing: 'アップロードするファイルを選択してください。',
  uploadEmpty: 'ファイルが空です。内容のあるファイルを選択してください。',
  uploadType: 'アップロードできるのは PDF・PNG・JPEG・XLSX・DOCX のファイルのみです。',
  uploadSize: 'ファイルが大きすぎます。10 MB までのファイルを選択してください。',
  uploadQuota:
    'この調査票に添付できるファイルは合計 {files} 件・{mb} MB までのため、このファイルは追加できません。アップロード済みのファイルは削除できないため、より小さいファイルをお選びいただくか、依頼元にご相談ください。',
  uploadMany: 'ファイルは 1 つずつアップロードしてください。',
  uploadStale:
    '別の画面でこの設問の添付が変更されたため、ファイルを添付しませんでした（ファイルは保存されていません）。最新の内容を確認して、もう一度アップロードしてください。',
  uploadFailed: 'ファイルをアップロードできませんでした。もう一度お試しください。',
  removeAttachment: '添付を外す',
  attachedFiles: '添付済みのファイル',
  attachmentRemoved: '添付を外しました',
  removeStale:
    '別の画面でこの設問の添付が変更されたため、添付を外せませんでした。最新の内容を確認してください。',
  campaign: '調査',
  answeringFor: '回答中の調査票',
  sessionReplacedTitle: 'このページからは保存できませんでした',
  sessionReplaced:
    'このページを開いた後に、同じ調査票がメールのリンクから開き直されたため、このページの送信は受け付けられませんでした。入力内容は保存されていませんが、下に残っています。確認して、もう一度保存してください。',
  sessionReplacedLead:
    'このページを開いた後に、同じ調査票がメールのリンクから開き直されたため、この操作は受け付けられませんでした。ページを開き直してから、もう一度操作してください。',
};

const en: typeof ja = {
  appName: 'Kakehashi supplier questionnaire',
  skip: 'Skip to content',
  language: 'Language',
  switchTo: '日本語',
  startTitle: 'Security questionnaire',
  startLead:
    'Press the button below to start. Answers are saved automatically; you can stop and continue later.',
  startButton: 'Start',
  dueDate: 'Due date',
  requestedBy: 'Requested by',
  buyerContact: 'Questions',
  supplier: 'Answering company',
  submittedTitle: 'This questionnaire has been submitted',
  submittedLead: 'Thank you. If anything needs correcting, the requester will contact you.',
  notFoundTitle: 'Link not found',
  notFoundLead: 'Please check the address, or open the link from the email again.',
  goneTitle: 'This link has expired or was withdrawn',
  goneLead: 'We can send a fresh link to your registered email address.',
  closedTitle: 'Answers are no longer accepted',
  closedLead: 'This questionnaire is closed. Please contact the requester with any questions.',
  goneContactLead:
    'If the fresh link does not arrive, or for any questions, please contact the requester.',
  resendButton: 'Send me a fresh link',
  linkSentTitle: 'A fresh link is on its way',
  linkSentLead:
    'We sent a fresh link to your registered email address. If it does not arrive within a few minutes, please contact the requester.',
  sessionEndedTitle: 'Your session has ended',
  sessionEndedLead:
    'Changes made since the last automatic save may not have been saved (answers saved before then are kept). Please open the link in the latest email from the requester again and check your answers.',
  sessionEndedResendLead:
    'Cannot find the email? We can send a fresh link to your registered email address.',
  sessionEndedContactLead: 'Cannot find the email? Please contact the requester.',
  sections: 'Sections',
  progress: 'Required answered',
  overview: 'Progress and submission',
  required: 'Required',
  save: 'Save',
  saveNext: 'Save and continue',
  previous: 'Previous',
  next: 'Next',
  saved: 'Saved',
  saving: 'Saving…',
  saveFailed: 'Could not save. Please check your connection.',
  conflict:
    'This questionnaire was updated elsewhere (another tab or a colleague). Reload to see the latest answers. Your unsaved input:',
  reload: 'Reload',
  levelsHelp: 'Maturity level definitions',
  yes: 'Yes',
  no: 'No',
  none: 'None of these',
  upload: 'Upload',
  uploadHelp: 'PDF, PNG, JPEG, XLSX or DOCX, up to 10 MB',
  currentFile: 'Attached',
  submit: 'Submit answers',
  submitLead: 'Once submitted, the answers are final and can no longer be edited.',
  missingTitle: 'Some required items are not answered',
  allAnswered: 'All required items are answered.',
  thankYouTitle: 'Thank you for your answers',
  thankYouLead: 'Your answers were received. You can print this page as your receipt.',
  receipt: 'Receipt',
  submittedAt: 'Submitted at',
  print: 'Print',
  reopened: 'The requester asked you to revise your answers',
  errorsTitle: 'Please check your input',
  unanswered: 'Not answered',
  tooManyTitle: 'Please try again shortly',
  tooManyLead: 'There were too many requests in a short time.',
  sessionMismatch: 'This page belongs to another questionnaire session. Please reload.',
  autosaveSessionEnded:
    'Could not save: your session has ended. Please open the link from the email again.',
  autosaveGone: 'Could not save: this link has expired or was withdrawn.',
  autosaveClosed: 'Could not save: this questionnaire is closed.',
  lockedNotice: 'This questionnaire was already submitted, so the change was not saved.',
  uploadMissing: 'Please choose a file to upload.',
  uploadEmpty: 'The file is empty. Please choose a file with content.',
  uploadType: 'Only PDF, PNG, JPEG, XLSX and DOCX files can be uploaded.',
  uploadSize: 'The file is too large. Please choose a file of at most 10 MB.',
  uploadQuota:
    'This questionnaire can hold at most {files} files and {mb} MB in total, so this file cannot be added. Uploaded files cannot be removed: please choose a smaller file, or contact the requester.',
  uploadMany: 'Please upload one file at a time.',
  uploadStale:
    'The attachment of this item was changed elsewhere, so the file was not attached (nor kept). Please check the latest answers and upload it again.',
  uploadFailed: 'The file could not be uploaded. Please try again.',
  removeAttachment: 'Remove attachment',
  attachedFiles: 'Attached files',
  attachmentRemoved: 'Attachment removed',
  removeStale:
    'The attachment of this item was changed elsewhere, so it was not removed. Please check the latest answers.',
  campaign: 'Survey',
  answeringFor: 'Questionnaire',
  sessionReplacedTitle: 'Not saved from this page',
  sessionReplaced:
    'This questionnaire was opened again from the email link after this page was opened, so this page could not save. Your input was not saved but is kept below: check it and save again.',
  sessionReplacedLead:
    'This questionnaire was opened again from the email link after this page was opened, so this action was not accepted. Please reopen the page and try again.',
};

export const PORTAL_TEXT: Record<Lang, typeof ja> = { ja, en };

export function toLang(value: unknown): Lang | undefined {
  return value === 'ja' || value === 'en' ? value : undefined;
}

/**
 * The browser's preferred language of ours from an Accept-Language header (by q-value, then
 * order), or undefined when it names neither Japanese nor English.
 */
export function acceptedLang(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: toLang(tag.split('-')[0]), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((e) => e.lang && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.lang;
}

/** Dates for people: Asia/Tokyo. */
/** A moment for people: in Japan time, saying so (the mails' format). */
export function formatDateTime(date: Date, lang: Lang): string {
  return formatMailDateTime(date, lang);
}
