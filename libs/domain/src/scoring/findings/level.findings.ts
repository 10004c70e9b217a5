// Findings on the buyer's required level and on the supplier's profile answers.
import { ITEM } from '../../catalog/item-ids';
import type { Finding } from '../scoring.types';
import { classifySize, toSizeClass } from '../size-class';
import type { FindingContext } from './finding-context';

export function levelFindings(ctx: FindingContext): Finding[] {
  const r = ctx.risk;
  if (r.gapLevels === 0) return [];
  const labels = ctx.view.catalog.scoring.levelLabels;
  const min =
    r.requiredLevel === 'strong'
      ? ctx.view.catalog.scoring.achievedLevel.strongMinDirective
      : ctx.view.catalog.scoring.achievedLevel.basicMinDirective;
  const below = ctx.directives.filter((d) => d.maturity < min).map((d) => d.directive);
  return [
    {
      code: 'LEVEL_GAP',
      severity: r.gapLevels >= 2 ? (ctx.profile.criticality === 3 ? 'critical' : 'high') : 'medium',
      directives: below,
      itemIds: [],
      message: {
        ja: `求められる水準は「${labels[r.requiredLevel].ja}」ですが、達成水準は「${labels[r.achievedLevel].ja}」です。`,
        en: `Required level: ${labels[r.requiredLevel].en}; achieved: ${labels[r.achievedLevel].en}.`,
      },
      recommendation: {
        ja: `成熟度が${min}未満の指示を優先して改善してください${r.requiredLevel === 'strong' ? '。強化レベルには IPA 適合サービスリスト掲載事業者による診断・監査と異常監視も必要です' : ''}。`,
        en: `Improve the directives below ${min} first${r.requiredLevel === 'strong' ? '; the strong level also needs testing or audit by a listed provider and monitoring' : ''}.`,
      },
    },
  ];
}

export function profileFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const v = ctx.view;
  const declared = v.code(ITEM.sizeClass);
  const industry = v.code(ITEM.industry);
  const capital = v.num(ITEM.capital);
  const employees = v.num(ITEM.employees);
  if (declared && industry && capital !== null && employees !== null) {
    const computed = classifySize(industry, capital, employees);
    // 小規模企業者 are SMEs too, so only a different SME/large class or a wrong "small" is flagged.
    const differs =
      computed !== null &&
      (toSizeClass(computed) !== toSizeClass(declared) ||
        (declared === 'small' && computed !== 'small'));
    if (differs) {
      out.push({
        code: 'PROFILE_SIZE_MISMATCH',
        severity: 'info',
        directives: [],
        itemIds: [ITEM.sizeClass, ITEM.capital, ITEM.employees],
        message: {
          ja: `申告された企業規模（${declared}）が資本金・従業員数から判定される区分（${computed}）と異なります。`,
          en: `The declared size class (${declared}) differs from the one the capital and employees give (${computed}).`,
        },
        recommendation: {
          ja: '企業規模の回答を確認してください。',
          en: 'Check the size class answer.',
        },
      });
    }
  }
  const roles = v.list(ITEM.roles);
  const unexpected = [
    ...(roles.includes('buyer_network') && ctx.profile.networkAccess !== true
      ? ['buyer_network']
      : []),
    ...(roles.includes('personal_data') && ctx.profile.handlesConfidentialData !== true
      ? ['personal_data']
      : []),
  ];
  if (unexpected.length > 0) {
    out.push({
      code: 'PROFILE_ACCESS_MISMATCH',
      severity: 'info',
      directives: [9],
      itemIds: [ITEM.roles],
      message: {
        ja: 'サプライヤーの回答（当社ネットワークへの接続・機密情報の取扱い）が発注者側の設定と一致しません。',
        en: "The supplier reports network access or handling of confidential data that the buyer's settings do not.",
      },
      recommendation: {
        ja: 'このサプライヤーの要求水準の設定（3つの質問）を見直してください。',
        en: "Review this supplier's required-level settings (the three questions).",
      },
    });
  }
  return out;
}
