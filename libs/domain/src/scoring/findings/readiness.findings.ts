// Findings on incident readiness and expired evidence.
import { ITEM } from '../../catalog/item-ids';
import type { Finding } from '../scoring.types';
import type { FindingContext } from './finding-context';

const REPORT_TO_TEXT: Record<string, { ja: string; en: string }> = {
  ipa: { ja: 'IPA', en: 'IPA' },
  jpcert: { ja: 'JPCERT/CC', en: 'JPCERT/CC' },
  police: { ja: '警察', en: 'the police' },
};

/** Directives each kind of evidence supports. */
const EVIDENCE_DIRECTIVES: Record<string, number[]> = {
  [ITEM.selfCheckDate]: [1, 6],
  [ITEM.ssLast]: [5, 6],
  [ITEM.iotExpires]: [5, 9],
};

export function readinessFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const r = ctx.readiness;
  if (r.contact === 0) {
    out.push({
      code: 'INCIDENT_NO_CONTACT',
      severity: 'medium',
      directives: [7],
      itemIds: [ITEM.irContact],
      message: {
        ja: 'インシデント発生時の社内窓口が決まっていません。',
        en: 'There is no named incident contact point.',
      },
      recommendation: {
        ja: '窓口となる担当者と連絡先を決め、当社にも知らせてください。',
        en: 'Name an incident contact with phone and email, and tell us.',
      },
    });
  }
  if (r.missingReportTo.length > 0) {
    const names = r.missingReportTo.map((c) => REPORT_TO_TEXT[c]);
    out.push({
      code: 'INCIDENT_REPORTING_GAPS',
      severity: 'low',
      directives: [7, 10],
      itemIds: [ITEM.irReportTo],
      message: {
        ja: `インシデント時の届出先として把握していない先があります（${names.map((n) => n.ja).join('、')}）。`,
        en: `Some places to report an incident are not known (${names.map((n) => n.en).join(', ')}).`,
      },
      recommendation: {
        ja: 'IPA（ウイルス・不正アクセス届出）、JPCERT/CC、都道府県警察のサイバー犯罪相談窓口を対応手順に記載してください。',
        en: 'List IPA (malware and unauthorised access reports), JPCERT/CC and the prefectural police cybercrime desk in the response procedure.',
      },
    });
  }
  if (r.exercise < 1) {
    out.push({
      code: 'INCIDENT_NO_RECENT_EXERCISE',
      severity: 'low',
      directives: [7],
      itemIds: [ITEM.irExercised, ...(r.exercise > 0 ? [ITEM.irExerciseDate] : [])],
      message: {
        ja: '過去12か月にインシデント対応の訓練を実施していません。',
        en: 'No incident response exercise in the last 12 months.',
      },
      recommendation: {
        ja: '年1回、机上演習などでインシデント対応手順を確認してください。',
        en: 'Run a tabletop exercise of the response procedure once a year.',
      },
    });
  }
  if (r.backup !== null && r.backup < 1) {
    out.push({
      code: 'BACKUP_NOT_TESTED',
      severity: r.backup === 0 ? 'high' : 'medium',
      directives: [8],
      itemIds: [ITEM.irBackup],
      message:
        r.backup === 0
          ? {
              ja: '重要データのバックアップを取得していません。',
              en: 'Important data is not backed up.',
            }
          : {
              ja: 'バックアップからの復元を確認していません。',
              en: 'Restoring from backup has not been tested.',
            },
      recommendation: {
        ja: 'ランサムウェアに備えてネットワークから切り離したバックアップを取り、年1回以上復元を試してください。',
        en: 'Keep backups offline against ransomware and test a restore at least once a year.',
      },
    });
  }
  for (const e of ctx.expired) {
    out.push({
      code: 'EVIDENCE_EXPIRED',
      severity: 'medium',
      directives: EVIDENCE_DIRECTIVES[e.itemId] ?? [],
      itemIds: [e.itemId],
      message: {
        ja: `証跡「${e.itemId}」（${e.date}）は ${e.expiredOn} に期限切れとなりました。評価に含めていません。`,
        en: `Evidence "${e.itemId}" (${e.date}) expired on ${e.expiredOn} and is not counted.`,
      },
      recommendation: {
        ja: '最新の証跡（実施日・有効期限）に更新してください。',
        en: 'Update the evidence with a current date.',
      },
    });
  }
  return out;
}
