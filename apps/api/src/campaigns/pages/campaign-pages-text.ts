import { formatDueDate } from '@kakehashi/mail';
import type { Locale } from '../../console/console-locale';

/** Text of the campaign console pages (ja first, en beside it). */
export const CAMPAIGN_PAGES_TEXT = {
  ja: {
    title: 'キャンペーン',
    newTitle: 'キャンペーンを作成',
    add: '新規作成',
    empty: 'キャンペーンはまだありません。',
    total: '件',
    previous: '前へ',
    next: '次へ',
    back: 'キャンペーン一覧へ',
    launch: '開始 (招待メールを送信)',
    launchConfirm: (n: string) => `${n} 社に招待メールを送信します。送信後は取り消せません。`,
    launchCheck: '招待メールを送信することを確認しました',
    launchNeedsSuppliers: '対象のサプライヤーを追加すると開始できます。',
    addSuppliers: 'サプライヤーを追加・外す',
    addSuppliersLaunched: 'サプライヤーを追加（すぐに招待）',
    chosenCount: (n: string) => `選択済み: ${n} 社`,
    chosenMore: (n: string) => `ほか ${n} 社`,
    nextStep: '作成すると、対象のサプライヤーを選ぶページに進みます。',
    close: '終了',
    closeConfirm:
      '終了すると回答の受付とリマインダーが止まり、回答リンクは開けなくなります。終了したキャンペーンは再開できません。',
    closeCheck: 'このキャンペーンを終了することを確認しました',
    launched: 'キャンペーンを開始しました。招待メールを順次送信します。',
    closed: 'キャンペーンを終了しました。',
    reminded: '催促メールを送信しました。',
    remindedAlready:
      'このサプライヤーには本日すでに催促しています（今すぐ催促か予定のリマインダーで、催促は 1 日 1 回まで）。',
    deleteDraft: '下書きを削除',
    deleteConfirm:
      'この下書きを削除します。まだ誰にもメールは送られていません。削除した下書きは元に戻せません。',
    deleteCheck: 'この下書きを削除することを確認しました',
    deleted: '下書きを削除しました。',
    deleteClosed: 'キャンペーンを削除',
    deleteClosedConfirm:
      'このキャンペーンは開始せずに終了したため、誰にもメールは送られていません。削除したキャンペーンは元に戻せません。',
    deleteClosedCheck: 'このキャンペーンを削除することを確認しました',
    deletedClosed: '開始せずに終了したキャンペーンを削除しました。',
    changeOwner: '担当者を変更',
    ownerHelp:
      '担当者には、このキャンペーンの高リスクの警告、督促のエスカレーション、期限超過のまとめが届きます。',
    newOwner: '新しい担当者',
    ownerSubmit: '変更',
    ownerChanged: (name: string) => `担当者を ${name} さんに変更しました。`,
    ownerDeactivated: (name: string) => `${name}（無効）`,
    create: '作成',
    cancel: 'キャンペーン一覧へ戻る',
    fields: {
      name: 'キャンペーン名',
      status: '状態',
      owner: '担当者',
      dueDate: '回答期限',
      catalogVersion: '質問票',
      reminders: 'リマインダー',
      beforeDays: '期限前のリマインダー（期限の何日前か）',
      beforeDaysHelp:
        '例: 7,3,1（カンマ区切り。1〜90 日で 10 個まで。空欄なら期限前のリマインダーは送りません）',
      overdueEveryDays: '期限後のリマインダーの間隔（日）',
      overdueEveryDaysHelp: '回答期限を過ぎたら、この日数ごとにリマインダーを送ります（1〜30）。',
      escalateAfterOverdue: '担当者へのエスカレーション（回）',
      escalateAfterOverdueHelp:
        '期限後のリマインダーをこの回数送っても未提出なら、キャンペーンの担当者に知らせます（0〜10。0 なら知らせません）。',
      supplier: 'サプライヤー',
      contact: '連絡先',
      delivery: '招待メール',
      reason: '理由',
      draftSuppliers: '選択済みサプライヤー',
      senderName: '送信者名',
      senderNameHelp:
        '招待メールの件名・本文と差出人に表示する名前です（100 文字以内。空欄なら組織名）。',
      message: '依頼文',
      messageHelp:
        '招待メールの本文に「送信者名からのメッセージ」として添えます（2000 文字以内。空欄なら添えません）。',
    },
    headings: {
      settings: '設定',
      progress: '進捗',
      delivery: '招待メールの配信',
      undeliverable: '不達の連絡先',
      assessments: '評価の一覧',
    },
    statuses: { draft: '下書き', launched: '実施中', closed: '終了' },
    counts: {
      invited: '未開封',
      opened: '開封',
      in_progress: '回答中',
      submitted: '提出済み',
      scored: '採点済み',
      overdue: '期限超過',
    },
    deliveries: {
      queued: '送信待ち',
      sent: '送信済み',
      failed: '失敗',
      skipped: '送信不要',
      none: '未送信',
    },
    overdue: '期限超過',
    noUndeliverable: '不達の連絡先はありません。',
    noAssessments: '開始すると、サプライヤーごとの評価がここに表示されます。',
    noSuppliers: 'サプライヤーが登録されていません。先にサプライヤーを登録してください。',
    changeDueDate: '回答期限を変更',
    dueDateHelp:
      '開始済みのキャンペーンでは、回答がまだのサプライヤー（未開封・開封・回答中）に、新しい回答期限と回答用リンクをお知らせするメールを送ります。リマインダーは新しい期限に合わせて送り直されます。',
    newDueDate: '新しい回答期限',
    dueDateSubmit: '変更',
    dueDateChanged: '回答期限を変更しました。',
    dueDateNotify: (n: string) => `回答中の ${n} 社に新しい期限をメールでお知らせします。`,
    dueDateCheck: '新しい期限をメールで知らせることを確認しました',
    editSettings: '設定を変更',
    settingsHelp:
      '下書きの間だけ変更できます。開始後は、キャンペーン名・担当者・回答期限だけが変更できます。',
    settingsSubmit: '保存',
    settingsChanged: '設定を保存しました。',
    previewHeading: '招待メールのプレビュー',
    previewHelp:
      'サプライヤーに届く招待メールです（宛先の連絡先の言語で送ります）。サプライヤー名・宛名・回答用リンクは送信時にサプライヤーごとに入ります。',
    previewSubject: '件名',
    previewBody: '本文',
    previewSupplier: '（サプライヤー名）',
    previewLink: '（回答用リンク）',
    previewLocales: { ja: '日本語', en: '英語' },
    dueDateAnnounced:
      '回答期限を変更しました。回答がまだのサプライヤーに変更のお知らせを順次送信します。',
    reminderWords: {
      before: (days: number[]) =>
        `回答期限の ${days.map((d) => `${d} 日前`).join('・')}にリマインダーを送ります。`,
      noBefore: '回答期限前のリマインダーは送りません。',
      overdue: (every: number) => `期限を過ぎると ${every} 日ごとにリマインダーを送ります。`,
      escalate: (count: number, day: number) =>
        `期限後のリマインダーを ${count} 回送っても未提出のサプライヤーは、期限の ${day} 日後に担当者へ知らせます。`,
      noEscalate: '担当者へのエスカレーションはしません。',
    },
    errors: {
      required: (label: string) => `「${label}」を入力してください。`,
      tooLong: (label: string, max: number) => `「${label}」は${max}文字以内で入力してください。`,
      dueDateFormat: '「回答期限」は日付（YYYY-MM-DD）で入力してください。',
      dueDatePast: '「回答期限」には今日以降の日付を指定してください（日本時間）。',
      dueDateTooFar: (max: string) =>
        `「回答期限」は 1 年先まで（${formatDueDate(max, 'ja')}まで）の日付を指定してください。`,
      dueDateUnconfirmed:
        '回答期限を変更するには、お知らせメールの確認のチェックを入れてから「変更」を押してください。',
      dueDateNotifiedChanged: (n: string) =>
        `確認の後にお知らせする相手の数が変わりました（現在 ${n} 社）。もう一度確認してください。`,
      draftOnly: (label: string) =>
        `「${label}」は下書きの間だけ変更できます。このキャンペーンはすでに開始しています。`,
      catalogVersion: '「質問票」は一覧から選んでください。',
      beforeDays:
        '「期限前のリマインダー」は 1〜90 の日数をカンマ区切りで 10 個まで入力してください（例: 7,3,1）。',
      overdueEveryDays: '「期限後のリマインダーの間隔」は 1〜30 の整数で入力してください。',
      escalateAfterOverdue: '「担当者へのエスカレーション」は 0〜10 の整数で入力してください。',
      otherSite:
        '別のサイトから送信されたフォームは受け付けられません。このページから送信してください。',
      form: '入力内容を確認してください。',
      closeUnconfirmed: '終了するには、確認のチェックを入れてから「終了」を押してください。',
      deleteUnconfirmed:
        '削除するには、確認のチェックを入れてから「下書きを削除」を押してください。',
      deleteClosedUnconfirmed:
        '削除するには、確認のチェックを入れてから「キャンペーンを削除」を押してください。',
      deleteNotDraft:
        '削除できるのは下書きと、開始せずに終了したキャンペーンだけです。開始したキャンペーンは、不要なら終了してください。',
      deleteClosedAfterLaunch:
        'このキャンペーンは開始した後に終了したため削除できません。招待したサプライヤーと回答の記録は残ります。',
      launchUnconfirmed: '開始するには、確認のチェックを入れてから「開始」を押してください。',
      launchCountChanged: (n: string) =>
        `確認の後に対象のサプライヤーが変わりました（現在 ${n} 社）。対象を確かめて、もう一度確認してください。`,
      launchSuppliersSwapped: (n: string) =>
        `確認の後に対象のサプライヤーが入れ替わりました（社数は同じ ${n} 社ですが、確認したときとは別のサプライヤーが含まれています）。招待メールは送っていません。対象を確かめて、もう一度確認してください。`,
      alreadyClosed: 'このキャンペーンはすでに終了しています。',
      noSuppliersToLaunch: '対象サプライヤーが選ばれていないため開始できません。',
      owner: '担当者には、この組織の有効な調達担当者または管理者を選んでください。',
    },
  },
  en: {
    title: 'Campaigns',
    newTitle: 'Create a campaign',
    add: 'Create',
    empty: 'No campaign yet.',
    total: 'campaigns',
    previous: 'Previous',
    next: 'Next',
    back: 'Back to campaigns',
    launch: 'Launch (send invitations)',
    launchConfirm: (n: string) =>
      `Invitations will be mailed to ${n} suppliers. Once sent, this cannot be undone.`,
    launchCheck: 'I confirm that the invitations are to be sent',
    launchNeedsSuppliers: 'Add the suppliers to invite, then the campaign can be launched.',
    addSuppliers: 'Add or remove suppliers',
    addSuppliersLaunched: 'Add suppliers (invited at once)',
    chosenCount: (n: string) => `Chosen: ${n}`,
    chosenMore: (n: string) => `and ${n} more`,
    nextStep: 'Once created, you choose the suppliers to invite.',
    close: 'Close',
    closeConfirm:
      'Closing stops answers and reminders, and answer links stop opening. A closed campaign cannot be reopened.',
    closeCheck: 'I confirm that this campaign is to be closed',
    launched: 'The campaign was launched. Invitations are being sent.',
    closed: 'The campaign was closed.',
    reminded: 'The reminder was sent.',
    remindedAlready:
      'This supplier was already reminded today (by “Remind now” or a scheduled reminder: once a day at most).',
    deleteDraft: 'Delete the draft',
    deleteConfirm:
      'This draft will be deleted. Nothing has been mailed to anyone yet. A deleted draft cannot be restored.',
    deleteCheck: 'I confirm that this draft is to be deleted',
    deleted: 'The draft was deleted.',
    deleteClosed: 'Delete the campaign',
    deleteClosedConfirm:
      'This campaign was closed without being launched: nothing has been mailed to anyone. A deleted campaign cannot be restored.',
    deleteClosedCheck: 'I confirm that this campaign is to be deleted',
    deletedClosed: 'The campaign closed before launch was deleted.',
    changeOwner: 'Change the owner',
    ownerHelp:
      'The owner receives the high-risk alerts, the reminder escalations and the overdue digests of this campaign.',
    newOwner: 'New owner',
    ownerSubmit: 'Change',
    ownerChanged: (name: string) => `The owner is now ${name}.`,
    ownerDeactivated: (name: string) => `${name} (deactivated)`,
    create: 'Create',
    cancel: 'Back to campaigns',
    fields: {
      name: 'Campaign name',
      status: 'Status',
      owner: 'Owner',
      dueDate: 'Due date',
      catalogVersion: 'Questionnaire',
      reminders: 'Reminders',
      beforeDays: 'Reminders before the due date (days before)',
      beforeDaysHelp:
        'For example 7,3,1 (separated by commas; 1–90 days, at most 10; empty: no reminder before the due date)',
      overdueEveryDays: 'Overdue reminder interval (days)',
      overdueEveryDaysHelp:
        'Once the due date has passed, a reminder goes out every this many days (1–30).',
      escalateAfterOverdue: 'Escalation to the owner (reminders)',
      escalateAfterOverdueHelp:
        'Suppliers still not submitted after this many overdue reminders are reported to the campaign owner (0–10; 0: never).',
      supplier: 'Supplier',
      contact: 'Contact',
      delivery: 'Invitation',
      reason: 'Reason',
      draftSuppliers: 'Chosen suppliers',
      senderName: 'Sender name',
      senderNameHelp:
        'The name shown in the subject, the body and the sender of the invitation mail (at most 100 characters; empty: the organization name).',
      message: 'Cover note',
      messageHelp:
        'Added to the body of the invitation mail as a message from the sender (at most 2000 characters; empty: none).',
    },
    headings: {
      settings: 'Settings',
      progress: 'Progress',
      delivery: 'Invitation delivery',
      undeliverable: 'Undeliverable contacts',
      assessments: 'Assessments',
    },
    statuses: { draft: 'Draft', launched: 'Launched', closed: 'Closed' },
    counts: {
      invited: 'Not opened',
      opened: 'Opened',
      in_progress: 'In progress',
      submitted: 'Submitted',
      scored: 'Scored',
      overdue: 'Overdue',
    },
    deliveries: {
      queued: 'Queued',
      sent: 'Sent',
      failed: 'Failed',
      skipped: 'Not needed',
      none: 'Not sent',
    },
    overdue: 'Overdue',
    noUndeliverable: 'No undeliverable contact.',
    noAssessments: 'Once launched, each supplier’s assessment is listed here.',
    noSuppliers: 'No supplier is registered yet. Register suppliers first.',
    changeDueDate: 'Change the due date',
    dueDateHelp:
      'On a launched campaign, the suppliers who have not answered yet (not opened, opened, in progress) are mailed the new due date with their link, and the reminders start over from the new date.',
    newDueDate: 'New due date',
    dueDateSubmit: 'Change',
    dueDateChanged: 'The due date was changed.',
    dueDateNotify: (n: string) =>
      `The ${n} suppliers still answering will be mailed the new due date.`,
    dueDateCheck: 'I confirm that the new due date is to be mailed',
    editSettings: 'Change the settings',
    settingsHelp:
      'These can be changed only while the campaign is a draft. Once launched, only the name, the owner and the due date can be changed.',
    settingsSubmit: 'Save',
    settingsChanged: 'The settings were saved.',
    previewHeading: 'Invitation mail preview',
    previewHelp:
      'The invitation as the suppliers will receive it (in the language of the contact it is sent to). The supplier name, the greeting and the answer link are filled in for each supplier when it is sent.',
    previewSubject: 'Subject',
    previewBody: 'Body',
    previewSupplier: '(supplier name)',
    previewLink: '(answer link)',
    previewLocales: { ja: 'Japanese', en: 'English' },
    dueDateAnnounced:
      'The due date was changed. The suppliers who have not answered yet are being told.',
    reminderWords: {
      before: (days: number[]) => {
        const list =
          days.length === 1
            ? String(days[0])
            : `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}`;
        const unit = days.length === 1 && days[0] === 1 ? 'day' : 'days';
        return `Reminders go out ${list} ${unit} before the due date.`;
      },
      noBefore: 'No reminder goes out before the due date.',
      overdue: (every: number) =>
        every === 1
          ? 'Once overdue, a reminder goes out every day.'
          : `Once overdue, a reminder goes out every ${every} days.`,
      escalate: (count: number, day: number) =>
        `Suppliers still not submitted after ${count} overdue ${count === 1 ? 'reminder' : 'reminders'} are reported to the owner ${day} ${day === 1 ? 'day' : 'days'} after the due date.`,
      noEscalate: 'Nothing is escalated to the owner.',
    },
    errors: {
      required: (label: string) => `Enter the ${label.toLowerCase()}.`,
      tooLong: (label: string, max: number) =>
        `The ${label.toLowerCase()} must be at most ${max} characters.`,
      dueDateFormat: 'Enter the due date as a date (YYYY-MM-DD).',
      dueDatePast: 'The due date must be today or later (Japan time).',
      dueDateTooFar: (max: string) =>
        `The due date must be at most one year ahead (${formatDueDate(max, 'en')} or earlier).`,
      dueDateUnconfirmed:
        'To change the due date, tick the confirmation of the notice mail, then press Change.',
      dueDateNotifiedChanged: (n: string) =>
        `The number of suppliers to be told changed after you confirmed (now ${n}). Confirm again.`,
      draftOnly: (label: string) =>
        `The ${label.toLowerCase()} can only be changed while the campaign is a draft; this one has been launched.`,
      catalogVersion: 'Choose the questionnaire from the list.',
      beforeDays:
        'Enter the reminders before the due date as days from 1 to 90, separated by commas, at most 10 (for example 7,3,1).',
      overdueEveryDays: 'Enter the overdue reminder interval as a whole number from 1 to 30.',
      escalateAfterOverdue: 'Enter the escalation to the owner as a whole number from 0 to 10.',
      otherSite: 'A form sent from another site is not accepted. Please send it from this page.',
      form: 'Please check what you entered.',
      closeUnconfirmed: 'To close the campaign, tick the confirmation, then press Close.',
      deleteUnconfirmed: 'To delete the draft, tick the confirmation, then press Delete the draft.',
      deleteClosedUnconfirmed:
        'To delete the campaign, tick the confirmation, then press Delete the campaign.',
      deleteNotDraft:
        'Only a draft, or a campaign closed before it was launched, can be deleted. A launched campaign can be closed if it is no longer needed.',
      deleteClosedAfterLaunch:
        'This campaign was launched before it was closed, so it cannot be deleted: the record of its invited suppliers and their answers is kept.',
      launchUnconfirmed: 'To launch the campaign, tick the confirmation, then press Launch.',
      launchCountChanged: (n: string) =>
        `The chosen suppliers changed after you confirmed (now ${n}). Check them and confirm again.`,
      launchSuppliersSwapped: (n: string) =>
        `The chosen suppliers were swapped after you confirmed: still ${n}, but not the same suppliers. No invitation was sent. Check them and confirm again.`,
      alreadyClosed: 'This campaign is already closed.',
      noSuppliersToLaunch: 'The campaign has no supplier chosen, so it cannot be launched.',
      owner: 'Choose an active procurement user or admin of this organization as the owner.',
    },
  },
} satisfies Record<Locale, unknown>;

export type CampaignPagesText = (typeof CAMPAIGN_PAGES_TEXT)['ja'];
