import type { Locale } from '../../console/console-locale';

/** Text of a campaign's supplier page: choose suppliers to add, take one off a draft (ja, en). */
export const CAMPAIGN_SUPPLIERS_TEXT = {
  ja: {
    title: '対象サプライヤー',
    back: 'キャンペーンのページへ',
    created: 'キャンペーンを下書きとして作成しました。対象のサプライヤーを追加してください。',
    chosenCount: (n: string) => `選択済み: ${n} 社`,
    invitedCount: (n: string) => `招待済み: ${n} 社`,
    chosenLink: '選択済みの一覧へ',
    launchedWarning:
      'このキャンペーンは実施中です。追加したサプライヤーには、すぐに招待メールが送信されます。',
    closed: '終了したキャンペーンにはサプライヤーを追加できません。',
    addHeading: 'サプライヤーを追加',
    filterHeading: '絞り込み',
    searchLabel: '会社名・ローマ字名・法人番号',
    owner: '担当 (調達)',
    tag: 'タグ',
    all: 'すべて',
    filter: '絞り込む',
    clear: '条件をクリア',
    matching: (total: string) => `該当 ${total} 社`,
    alreadyIn: (n: string) => `（うち ${n} 社は追加済み）`,
    caption: '絞り込み結果',
    pick: '選択',
    state: { chosen: '選択済み', invited: '招待済み' },
    addSelected: '選択したサプライヤーを追加',
    addMatching: (n: string) => `絞り込み結果をすべて追加（${n} 社）`,
    addMatchingHelp:
      '絞り込み結果のうち、まだ追加していないサプライヤーをすべて追加します。社数は追加する時点の絞り込み結果で数え直します。',
    confirmInvite:
      '追加したサプライヤーには、すぐに招待メールが送信されます。送信後は取り消せません。',
    confirmCheck: '招待メールを送信することを確認しました',
    selectPage: 'このページをすべて選択',
    selectedCount: '{n} 社を選択中',
    carried: (n: string) =>
      `ほかのページで選んだ ${n} 社も、「選択したサプライヤーを追加」で一緒に追加します。`,
    empty: '条件に合うサプライヤーはありません。',
    noSuppliers: 'サプライヤーが登録されていません。先にサプライヤーを登録してください。',
    registry: 'サプライヤー一覧へ',
    noContact: '連絡先なし',
    chosenHeading: (n: string) => `選択済みサプライヤー（${n} 社）`,
    noneChosen: 'まだサプライヤーが選ばれていません。',
    remove: '外す',
    removeLabel: (name: string) => `${name} を外す`,
    previous: '前へ',
    next: '次へ',
    chosenPages: '選択済みのページ',
    resultPages: '絞り込み結果のページ',
    added: (n: string) => `${n} 社を追加しました。`,
    addedInvited: (n: string) => `${n} 社を追加しました。招待メールを順次送信します。`,
    skipped: (n: string) => `${n} 社はすでに追加済みのため除きました。`,
    addedNone: '追加したサプライヤーはありません（すでに追加済みのものは除きました）。',
    removed: (name: string) => `「${name}」を対象から外しました。`,
    errors: {
      noneSelected:
        '追加するサプライヤーにチェックを入れてから「選択したサプライヤーを追加」を押してください。',
      unconfirmed:
        '実施中のキャンペーンに追加すると、すぐに招待メールが送信されます。確認のチェックを入れてから追加してください。',
      launchedMeanwhile:
        'このキャンペーンは開始されました。追加するとすぐに招待メールが送信されます。内容を確かめて、確認のチェックを入れてから追加してください。',
      closed: 'このキャンペーンはすでに終了しています。',
      unknownSuppliers: (n: number) =>
        `選択したサプライヤーのうち ${n} 社が見つかりません。ページを読み込み直して選び直してください。`,
      tooMany: (max: string) =>
        `一度に追加できるのは ${max} 社までです。条件を絞り込んでから追加してください。`,
      removeNotDraft:
        '開始済みまたは終了したキャンペーンからは、サプライヤーを外せません（招待はすでに送られています）。',
      otherSite:
        '別のサイトから送信されたフォームは受け付けられません。このページから送信してください。',
    },
  },
  en: {
    title: 'Suppliers',
    back: 'Back to the campaign',
    created: 'The campaign was created as a draft. Add its suppliers.',
    chosenCount: (n: string) => `Chosen: ${n}`,
    invitedCount: (n: string) => `Invited: ${n}`,
    chosenLink: 'See the chosen suppliers',
    launchedWarning:
      'This campaign is launched. The suppliers you add are mailed their invitation at once.',
    closed: 'Suppliers cannot be added to a closed campaign.',
    addHeading: 'Add suppliers',
    filterHeading: 'Filters',
    searchLabel: 'Name, romanised name or corporate number',
    owner: 'Owner (procurement)',
    tag: 'Tag',
    all: 'All',
    filter: 'Filter',
    clear: 'Clear the filters',
    matching: (total: string) => `${total} matching`,
    alreadyIn: (n: string) => ` (${n} already added)`,
    caption: 'Matching suppliers',
    pick: 'Choose',
    state: { chosen: 'Chosen', invited: 'Invited' },
    addSelected: 'Add the selected suppliers',
    addMatching: (n: string) => `Add all matching suppliers (${n})`,
    addMatchingHelp:
      'Adds every matching supplier not added yet. They are counted again, under these filters, when you add them.',
    confirmInvite:
      'The suppliers you add are mailed their invitation at once. This cannot be undone.',
    confirmCheck: 'I confirm that invitations are to be sent',
    selectPage: 'Select all on this page',
    selectedCount: '{n} selected',
    carried: (n: string) =>
      `${n} selected on other pages will be added too with “Add the selected suppliers”.`,
    empty: 'No supplier matches these filters.',
    noSuppliers: 'No supplier is registered yet. Register suppliers first.',
    registry: 'Go to the suppliers',
    noContact: 'No contact',
    chosenHeading: (n: string) => `Chosen suppliers (${n})`,
    noneChosen: 'No supplier is chosen yet.',
    remove: 'Remove',
    removeLabel: (name: string) => `Remove ${name}`,
    previous: 'Previous',
    next: 'Next',
    chosenPages: 'Pages of the chosen suppliers',
    resultPages: 'Pages of the matching suppliers',
    added: (n: string) => `${n} added.`,
    addedInvited: (n: string) => `${n} added. Their invitations are being sent.`,
    skipped: (n: string) => `${n} left out: already added.`,
    addedNone: 'Nothing was added (those already in were left out).',
    removed: (name: string) => `${name} is no longer chosen.`,
    errors: {
      noneSelected: 'Tick the suppliers to add, then press “Add the selected suppliers”.',
      unconfirmed:
        'Suppliers added to a launched campaign are mailed at once. Tick the confirmation, then add them.',
      launchedMeanwhile:
        'This campaign has been launched: the suppliers you add are mailed at once. Check them, tick the confirmation, then add them.',
      closed: 'This campaign is already closed.',
      unknownSuppliers: (n: number) =>
        `${n} of the chosen suppliers no longer exist. Reload the page and choose again.`,
      tooMany: (max: string) =>
        `At most ${max} suppliers can be added at once. Narrow the filters.`,
      removeNotDraft:
        'Suppliers can be taken off a draft only (a launched campaign has sent its invitations).',
      otherSite: 'A form sent from another site is not accepted. Please send it from this page.',
    },
  },
} satisfies Record<Locale, unknown>;

export type CampaignSuppliersText = (typeof CAMPAIGN_SUPPLIERS_TEXT)['ja'];
