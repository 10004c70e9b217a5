// Findings on SECURITY ACTION: a contradicted ★★, ★ without the 5か条, no declaration, low 自社診断.
import { ITEM } from '../../catalog/item-ids';
import type { Finding } from '../scoring.types';
import type { FindingContext } from './finding-context';

const BAND_TEXT = {
  achieved: { ja: '達成', en: 'achieved' },
  partly_insufficient: { ja: '一部不十分', en: 'partly insufficient' },
  insufficient: { ja: '不十分', en: 'insufficient' },
  urgent: { ja: '早急な改善が必要', en: 'needs urgent improvement' },
};

export function securityActionFindings(ctx: FindingContext): Finding[] {
  const sa = ctx.securityAction;
  const out: Finding[] = [];
  if (sa.declared === 'star2' && !sa.consistentWithSelfCheck) {
    const reasons = { ja: [] as string[], en: [] as string[] };
    if (sa.selfCheckFailing.length > 0) {
      reasons.ja.push(`自社診断で未実施・不明の項目が${sa.selfCheckFailing.length}件`);
      reasons.en.push(`${sa.selfCheckFailing.length} self-check item(s) not done or unknown`);
    }
    if (!sa.policyPublished) {
      reasons.ja.push('基本方針が公表されていない');
      reasons.en.push('no published basic policy');
    }
    if (sa.selfCheckStale) {
      reasons.ja.push('自社診断が12か月以内に実施されていない');
      reasons.en.push('no self-check in the last 12 months');
    }
    out.push({
      code: 'SA_STAR2_CONTRADICTED',
      severity: 'high',
      directives: [1, 6],
      itemIds: [
        ITEM.saLevel,
        ...(sa.selfCheckStale ? [ITEM.selfCheckDate] : []),
        ...sa.selfCheckFailing,
        ...(sa.policyPublished ? [] : [ITEM.saPolicy]),
      ],
      message: {
        ja: `★★二つ星の宣言が回答と矛盾しています（${reasons.ja.join('、')}）。★一つ星として評価しました。`,
        en: `The ★★ declaration contradicts the answers (${reasons.en.join('; ')}); it counts as ★.`,
      },
      recommendation: {
        ja: '自社診断の未実施項目を改善し、情報セキュリティ基本方針を社外に公表したうえで★★を宣言してください。',
        en: 'Fix the self-check items not done, publish the basic security policy, then declare ★★.',
      },
    });
  }
  if (sa.declared !== 'none' && sa.fiveRulesFailing.length > 0) {
    out.push({
      code: 'SA_FIVE_RULES_GAP',
      severity: 'medium',
      directives: [5],
      itemIds: sa.fiveRulesFailing,
      message: {
        ja: `SECURITY ACTION を宣言していますが、5か条のうち${sa.fiveRulesFailing.length}項目が実施されていません。`,
        en: `SECURITY ACTION is declared but ${sa.fiveRulesFailing.length} of the 5 basic rules are not practised.`,
      },
      recommendation: {
        ja: '宣言の前提である情報セキュリティ5か条をすべて実施してください。',
        en: 'Practise all of the 5 basic rules the declaration commits to.',
      },
    });
  }
  if (sa.declared === 'none' && ctx.sizeClass === 'sme') {
    out.push({
      code: 'SA_NOT_DECLARED',
      severity: 'low',
      directives: [1],
      itemIds: [ITEM.saLevel],
      message: {
        ja: 'SECURITY ACTION を宣言していません。',
        en: 'SECURITY ACTION is not declared.',
      },
      recommendation: {
        ja: 'GビズIDで IPA の SECURITY ACTION ★一つ星を宣言してください（デジタル化・AI導入補助金の申請要件でもあります）。',
        en: 'Declare SECURITY ACTION ★ with IPA using a GBizID (it is also required to apply for the digitalisation/AI adoption subsidy).',
      },
    });
  }
  if (sa.selfCheckBand !== null && sa.selfCheckBand !== 'achieved' && sa.selfCheckTotal !== null) {
    const band = BAND_TEXT[sa.selfCheckBand];
    out.push({
      code: 'SELF_CHECK_BELOW_FULL',
      severity:
        sa.selfCheckBand === 'urgent'
          ? 'medium'
          : sa.selfCheckBand === 'insufficient'
            ? 'low'
            : 'info',
      directives: [5],
      itemIds: sa.selfCheckFailing,
      message: {
        ja: `自社診断の合計は${sa.selfCheckTotal}点（${band.ja}）です。`,
        en: `The self-check total is ${sa.selfCheckTotal} (${band.en}).`,
      },
      recommendation: {
        ja: '点数の低い項目から改善し、100点を目指してください。',
        en: 'Improve the lowest items first and aim for 100.',
      },
    });
  }
  return out;
}
