// Section: incident readiness (DOMAIN.md §7): who to call, who must be told, practice and backups.
import type { CatalogSection } from '../catalog.types';
import { ITEM } from '../item-ids';
import { whenYes } from '../scales';

const t = (ja: string, en: string) => ({ ja, en });

export const INCIDENT_READINESS_SECTION: CatalogSection = {
  id: 'incident-readiness',
  title: t('インシデントへの備え', 'Incident readiness'),
  items: [
    {
      id: ITEM.irContact,
      kind: 'yesno',
      required: true,
      ordered: true,
      text: t(
        'インシデント発生時の社内窓口（担当者・連絡先）を決めていますか',
        'Is there a named incident contact point?',
      ),
    },
    {
      id: 'IR.CONTACT_NAME',
      kind: 'text',
      required: true,
      maxLength: 200,
      conditions: [whenYes(ITEM.irContact)],
      text: t('窓口の部署名と連絡先', 'Contact department and details'),
    },
    {
      id: ITEM.irReportTo,
      kind: 'multi',
      required: true,
      ordered: true,
      text: t(
        'インシデント時の届出・相談先として把握しているもの（該当するものすべて）',
        'Where you know to report an incident (all that apply)',
      ),
      options: [
        {
          code: 'ipa',
          label: t(
            'IPA（ウイルス・不正アクセス届出）',
            'IPA (malware and unauthorised access reports)',
          ),
        },
        { code: 'jpcert', label: t('JPCERT/CC', 'JPCERT/CC') },
        { code: 'police', label: t('警察（サイバー犯罪相談窓口）', 'Police (cybercrime desk)') },
        {
          code: 'ppc',
          label: t(
            '個人情報保護委員会（漏えい等報告）',
            'Personal Information Protection Commission',
          ),
        },
        { code: 'buyer', label: t('当社（発注者）の窓口', 'Our (the buyer’s) contact') },
      ],
    },
    {
      id: ITEM.irExercised,
      kind: 'yesno',
      required: true,
      ordered: true,
      text: t(
        'インシデント対応の訓練・演習を実施したことがありますか',
        'Have you held an incident response exercise?',
      ),
    },
    {
      id: ITEM.irExerciseDate,
      kind: 'date',
      notAfter: 'today',
      required: true,
      ordered: true,
      conditions: [whenYes(ITEM.irExercised)],
      text: t('直近の訓練・演習の実施日', 'Date of the latest exercise'),
    },
    {
      id: ITEM.irBackup,
      kind: 'single',
      required: true,
      ordered: true,
      text: t('重要データのバックアップ', 'Backups of important data'),
      options: [
        {
          code: 'tested',
          label: t(
            '取得しており、過去12か月に復元を確認した',
            'Taken, and restore tested in the last 12 months',
          ),
          score: 4,
        },
        {
          code: 'untested',
          label: t('取得しているが復元は確認していない', 'Taken, restore not tested'),
          score: 2,
        },
        { code: 'none', label: t('取得していない', 'Not taken'), score: 0 },
        { code: 'unknown', label: t('わからない', "Don't know"), flag: 'unknown' },
      ],
    },
  ],
};
