// Findings on monitoring, security testing and JC-STAR labels.
import { ITEM } from '../../catalog/item-ids';
import type { Finding } from '../scoring.types';
import { iotStatus } from '../gates';
import { escalate, type FindingContext } from './finding-context';

const SUBSIDY_NOTE = {
  ja: 'IPA「サイバーセキュリティお助け隊サービスリスト」の登録サービス（異常監視・駆付け・相談窓口・簡易サイバー保険）の導入を検討してください。デジタル化・AI導入補助金（旧 IT導入補助金）のセキュリティ対策推進枠で、利用料（最大2年分）の1/2（小規模事業者は2/3）、5万〜150万円の補助を受けられます（SECURITY ACTION の宣言が申請要件）。',
  en: "Consider a service on IPA's Otasuketai list (monitoring, on-site help, help desk, simple cyber insurance). The security measures track of the digitalisation/AI adoption subsidy (formerly the IT introduction subsidy) covers 1/2 (small enterprises 2/3) of up to 2 years of fees, 50,000–1,500,000 yen; a SECURITY ACTION declaration is required to apply.",
};

export function serviceFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const strong = ctx.risk.requiredLevel === 'strong';
  const s = ctx.services;
  if (s.monitoring.credit < 1) {
    out.push({
      code: 'NO_MONITORING',
      severity: escalate('medium', strong),
      directives: [5, 7],
      itemIds: [ITEM.otUses, ...(s.otasuketaiUses ? [ITEM.otCovers] : []), ITEM.ssKinds],
      message: {
        ja: '攻撃や異常を検知する監視サービスを利用していません。',
        en: 'No service monitors for attacks and anomalies.',
      },
      recommendation:
        ctx.sizeClass === 'sme'
          ? SUBSIDY_NOTE
          : {
              ja: 'IPA「情報セキュリティサービス基準適合サービスリスト」のセキュリティ監視・運用サービス（SOC）を検討してください。',
              en: "Consider a security monitoring and operation service (SOC) from IPA's list of services meeting the information security service standards.",
            },
    });
  }
  if (s.testing.credit === 0) {
    out.push({
      code: 'NO_SECURITY_TESTING',
      severity: escalate('medium', strong),
      directives: [5, 6],
      itemIds: [ITEM.ssKinds, ...(s.serviceKinds.length > 0 ? [ITEM.ssLast] : [])],
      message: {
        ja: '過去12か月に情報セキュリティ監査や脆弱性診断を受けていません。',
        en: 'No security audit or vulnerability assessment in the last 12 months.',
      },
      recommendation: {
        ja: 'IPA「情報セキュリティサービス基準適合サービスリスト」掲載の脆弱性診断サービス（外部公開システム）または情報セキュリティ監査サービスを受けてください。',
        en: "Have a vulnerability assessment (of internet-facing systems) or an information security audit done by a service on IPA's list of services meeting the information security service standards.",
      },
    });
  } else if (s.testing.credit < 1) {
    out.push({
      code: 'TESTING_PROVIDER_NOT_LISTED',
      severity: 'low',
      directives: [5, 6],
      itemIds: [ITEM.ssListed],
      message: {
        ja: '監査・診断の提供事業者が IPA の適合サービスリストに掲載されていません。',
        en: "The audit or assessment provider is not on IPA's list of conforming services.",
      },
      recommendation: {
        ja: '次回は適合サービスリスト掲載のサービスを選んでください。',
        en: 'Next time, choose a service on the list.',
      },
    });
  }
  const iot = iotStatus(ctx.view, ctx.profile.asOf);
  if (iot.delivers && (iot.level === null || iot.level === 'none')) {
    out.push({
      code: 'IOT_NO_JCSTAR',
      severity: escalate('medium', strong),
      directives: [5, 9],
      itemIds: [ITEM.iotLevel],
      message: {
        ja: '納入する IoT 製品が JC-STAR ラベルを取得していません。',
        en: 'The IoT products delivered hold no JC-STAR label.',
      },
      recommendation: {
        ja: 'JC-STAR ★1（16項目の適合基準、自己適合宣言）の取得を計画してください。ラベルの有効期間は最長2年です。',
        en: 'Plan for JC-STAR ★1 (16 requirements, self-assessed). Labels are valid for up to 2 years.',
      },
    });
  }
  return out;
}
