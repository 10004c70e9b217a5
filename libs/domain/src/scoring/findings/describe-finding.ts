// describeFinding(): the words of a finding, rendered when someone reads it. The engine emits and
// the worker stores findings as data (code, directives, item ids, small params); the Japanese and
// English texts live here only.
//
// Stored rows outlive engine versions, so rendering never throws: an unknown code gets a neutral
// text naming it, and a missing or mistyped param shows as "?" (or a wording that does not need it).
import type { Catalog, LocalizedText } from '../../catalog/catalog.types';
import { indexCatalog } from '../../catalog/catalog-index';
import { ITEM, SELF_CHECK_IDS } from '../../catalog/item-ids';
import type { FindingData, FindingParams, FindingText } from '../scoring.types';

/** Stands in for a param a stored finding lacks or holds with the wrong type. */
const MISSING = '?';

/** A stored row, read defensively: arrays and params may be absent in an old or damaged row. */
interface Row {
  code: string;
  directives: readonly unknown[];
  itemIds: readonly unknown[];
  params: FindingParams;
}

type Renderer = (f: Row, catalog: Catalog) => FindingText;

const text = (ja: string, en: string): LocalizedText => ({ ja, en });

function num(p: FindingParams, key: string): number | null {
  const v = Object.hasOwn(p, key) ? p[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(p: FindingParams, key: string): string | null {
  const v = Object.hasOwn(p, key) ? p[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : null;
}

const shown = (v: string | number | null): string => (v === null ? MISSING : String(v));

/** The first related directive, for findings about one directive. */
function directiveOf(f: Row): number | null {
  const d = f.directives[0];
  return typeof d === 'number' && Number.isInteger(d) ? d : null;
}

/** A finding whose texts never change. */
const fixed =
  (message: LocalizedText, recommendation: LocalizedText): Renderer =>
  () => ({ message: { ...message }, recommendation: { ...recommendation } });

const REPORT_TO_TEXT: Record<string, LocalizedText> = {
  ipa: text('IPA', 'IPA'),
  jpcert: text('JPCERT/CC', 'JPCERT/CC'),
  police: text('警察', 'the police'),
};

const BAND_TEXT: Record<string, LocalizedText> = {
  achieved: text('達成', 'achieved'),
  partly_insufficient: text('一部不十分', 'partly insufficient'),
  insufficient: text('不十分', 'insufficient'),
  urgent: text('早急な改善が必要', 'needs urgent improvement'),
};

/** A code's label from a lookup table; an unknown code shows as itself. */
function label(table: Record<string, LocalizedText>, code: string | null): LocalizedText {
  if (code === null) return text(MISSING, MISSING);
  return Object.hasOwn(table, code) ? table[code] : text(code, code);
}

/** An item's question as the supplier saw it; an id the catalog lacks shows as itself. */
function itemText(catalog: Catalog, itemId: string | null): LocalizedText {
  if (itemId === null) return text(MISSING, MISSING);
  return indexCatalog(catalog).byId.get(itemId)?.text ?? text(itemId, itemId);
}

/** An option's label as the supplier saw it; an unknown code shows as itself. */
function optionText(catalog: Catalog, itemId: string, code: string | null): LocalizedText {
  if (code === null) return text(MISSING, MISSING);
  return indexCatalog(catalog).options.get(itemId)?.get(code)?.label ?? text(code, code);
}

const SUBSIDY_NOTE = text(
  'IPA「サイバーセキュリティお助け隊サービスリスト」の登録サービス（異常監視・駆付け・相談窓口・簡易サイバー保険）の導入を検討してください。デジタル化・AI導入補助金（旧 IT導入補助金）のセキュリティ対策推進枠で、利用料（最大2年分）の1/2（小規模事業者は2/3）、5万〜150万円の補助を受けられます（SECURITY ACTION の宣言が申請要件）。',
  "Consider a service on IPA's Otasuketai list (monitoring, on-site help, help desk, simple cyber insurance). The security measures track of the digitalisation/AI adoption subsidy (formerly the IT introduction subsidy) covers 1/2 (small enterprises 2/3) of up to 2 years of fees, 50,000–1,500,000 yen; a SECURITY ACTION declaration is required to apply.",
);

const SOC_NOTE = text(
  'IPA「情報セキュリティサービス基準適合サービスリスト」のセキュリティ監視・運用サービス（SOC）を検討してください。',
  "Consider a security monitoring and operation service (SOC) from IPA's list of services meeting the information security service standards.",
);

const SELF_CHECK = new Set(SELF_CHECK_IDS);

const RENDERERS: Record<string, Renderer> = {
  SELF_RATING_CAPPED: (f) => {
    const d = shown(directiveOf(f));
    const selfRating = shown(num(f.params, 'selfRating'));
    const cap = shown(num(f.params, 'cap'));
    return {
      message: text(
        `指示${d}の自己評価（レベル${selfRating}）は実施状況の回答と整合しないため、レベル${cap}として扱いました。`,
        `Directive ${d}: the self-rating ${selfRating} is not supported by the practice answers and counts as ${cap}.`,
      ),
      recommendation: text(
        '実施状況の回答を見直すか、自己評価の根拠となる規程や記録を提出してください。',
        'Review the practice answers, or send the policies or records that support the self-rating.',
      ),
    };
  },

  DIRECTIVE_WEAK: (f, catalog) => {
    const directive = directiveOf(f);
    const d = shown(directive);
    const maturity = num(f.params, 'maturity');
    const m = maturity === null ? MISSING : maturity.toFixed(2);
    const advice =
      directive === null
        ? undefined
        : catalog.sections.find((s) => s.directive === directive)?.recommendation;
    return {
      message: text(
        `指示${d}の成熟度が低い状態です（${m} / 5）。`,
        `Directive ${d} maturity is low (${m} of 5).`,
      ),
      recommendation: advice
        ? text(advice.ja, advice.en)
        : text('実施状況を改善してください。', 'Improve the practices.'),
    };
  },

  UNKNOWN_ANSWERS: (f) => {
    const n = f.itemIds.length;
    return {
      message: text(
        `「わからない」と回答した項目が${n}件あります。これらは平均から除外しています。`,
        `${n} item(s) were answered "don't know"; they are left out of the averages.`,
      ),
      recommendation: text(
        '担当者に確認して回答を更新してください。',
        'Check with the person responsible and update the answers.',
      ),
    };
  },

  SA_STAR2_CONTRADICTED: (f) => {
    // The reasons are read from the item ids the rule lists.
    const failing = f.itemIds.filter((id) => typeof id === 'string' && SELF_CHECK.has(id)).length;
    const reasons = { ja: [] as string[], en: [] as string[] };
    if (failing > 0) {
      reasons.ja.push(`自社診断で未実施・不明の項目が${failing}件`);
      reasons.en.push(`${failing} self-check item(s) not done or unknown`);
    }
    if (f.itemIds.includes(ITEM.saPolicy)) {
      reasons.ja.push('基本方針が公表されていない');
      reasons.en.push('no published basic policy');
    }
    if (f.itemIds.includes(ITEM.selfCheckDate)) {
      reasons.ja.push('自社診断が12か月以内に実施されていない');
      reasons.en.push('no self-check in the last 12 months');
    }
    const ja = reasons.ja.length > 0 ? reasons.ja.join('、') : MISSING;
    const en = reasons.en.length > 0 ? reasons.en.join('; ') : MISSING;
    return {
      message: text(
        `★★二つ星の宣言が回答と矛盾しています（${ja}）。★一つ星として評価しました。`,
        `The ★★ declaration contradicts the answers (${en}); it counts as ★.`,
      ),
      recommendation: text(
        '自社診断の未実施項目を改善し、情報セキュリティ基本方針を社外に公表したうえで★★を宣言してください。',
        'Fix the self-check items not done, publish the basic security policy, then declare ★★.',
      ),
    };
  },

  SA_FIVE_RULES_GAP: (f) => {
    const n = f.itemIds.length;
    return {
      message: text(
        `SECURITY ACTION を宣言していますが、5か条のうち${n}項目が実施されていません。`,
        `SECURITY ACTION is declared but ${n} of the 5 basic rules are not practised.`,
      ),
      recommendation: text(
        '宣言の前提である情報セキュリティ5か条をすべて実施してください。',
        'Practise all of the 5 basic rules the declaration commits to.',
      ),
    };
  },

  SA_NOT_DECLARED: fixed(
    text('SECURITY ACTION を宣言していません。', 'SECURITY ACTION is not declared.'),
    text(
      'GビズIDで IPA の SECURITY ACTION ★一つ星を宣言してください（デジタル化・AI導入補助金の申請要件でもあります）。',
      'Declare SECURITY ACTION ★ with IPA using a GBizID (it is also required to apply for the digitalisation/AI adoption subsidy).',
    ),
  ),

  SELF_CHECK_BELOW_FULL: (f) => {
    const total = shown(num(f.params, 'total'));
    const band = label(BAND_TEXT, str(f.params, 'band'));
    return {
      message: text(
        `自社診断の合計は${total}点（${band.ja}）です。`,
        `The self-check total is ${total} (${band.en}).`,
      ),
      recommendation: text(
        '点数の低い項目から改善し、100点を目指してください。',
        'Improve the lowest items first and aim for 100.',
      ),
    };
  },

  NO_MONITORING: (f) => ({
    message: text(
      '攻撃や異常を検知する監視サービスを利用していません。',
      'No service monitors for attacks and anomalies.',
    ),
    recommendation: { ...(str(f.params, 'sizeClass') === 'sme' ? SUBSIDY_NOTE : SOC_NOTE) },
  }),

  NO_SECURITY_TESTING: fixed(
    text(
      '過去12か月に情報セキュリティ監査や脆弱性診断を受けていません。',
      'No security audit or vulnerability assessment in the last 12 months.',
    ),
    text(
      'IPA「情報セキュリティサービス基準適合サービスリスト」掲載の脆弱性診断サービス（外部公開システム）または情報セキュリティ監査サービスを受けてください。',
      "Have a vulnerability assessment (of internet-facing systems) or an information security audit done by a service on IPA's list of services meeting the information security service standards.",
    ),
  ),

  TESTING_PROVIDER_NOT_LISTED: fixed(
    text(
      '監査・診断の提供事業者が IPA の適合サービスリストに掲載されていません。',
      "The audit or assessment provider is not on IPA's list of conforming services.",
    ),
    text(
      '次回は適合サービスリスト掲載のサービスを選んでください。',
      'Next time, choose a service on the list.',
    ),
  ),

  IOT_NO_JCSTAR: fixed(
    text(
      '納入する IoT 製品が JC-STAR ラベルを取得していません。',
      'The IoT products delivered hold no JC-STAR label.',
    ),
    text(
      'JC-STAR ★1（16項目の適合基準、自己適合宣言）の取得を計画してください。ラベルの有効期間は最長2年です。',
      'Plan for JC-STAR ★1 (16 requirements, self-assessed). Labels are valid for up to 2 years.',
    ),
  ),

  INCIDENT_NO_CONTACT: fixed(
    text(
      'インシデント発生時の社内窓口が決まっていません。',
      'There is no named incident contact point.',
    ),
    text(
      '窓口となる担当者と連絡先を決め、当社にも知らせてください。',
      'Name an incident contact with phone and email, and tell us.',
    ),
  ),

  INCIDENT_REPORTING_GAPS: (f) => {
    const codes = (str(f.params, 'missingReportTo') ?? '').split(',').filter((c) => c !== '');
    const names = codes.map((c) => label(REPORT_TO_TEXT, c));
    const ja = names.length > 0 ? names.map((n) => n.ja).join('、') : MISSING;
    const en = names.length > 0 ? names.map((n) => n.en).join(', ') : MISSING;
    return {
      message: text(
        `インシデント時の届出先として把握していない先があります（${ja}）。`,
        `Some places to report an incident are not known (${en}).`,
      ),
      recommendation: text(
        'IPA（ウイルス・不正アクセス届出）、JPCERT/CC、都道府県警察のサイバー犯罪相談窓口を対応手順に記載してください。',
        'List IPA (malware and unauthorised access reports), JPCERT/CC and the prefectural police cybercrime desk in the response procedure.',
      ),
    };
  },

  INCIDENT_NO_RECENT_EXERCISE: fixed(
    text(
      '過去12か月にインシデント対応の訓練を実施していません。',
      'No incident response exercise in the last 12 months.',
    ),
    text(
      '年1回、机上演習などでインシデント対応手順を確認してください。',
      'Run a tabletop exercise of the response procedure once a year.',
    ),
  ),

  BACKUP_NOT_TESTED: (f) => {
    const backup = str(f.params, 'backup');
    return {
      message:
        backup === 'none'
          ? text('重要データのバックアップを取得していません。', 'Important data is not backed up.')
          : backup === 'untested'
            ? text(
                'バックアップからの復元を確認していません。',
                'Restoring from backup has not been tested.',
              )
            : text(
                'バックアップの取得または復元の確認ができていません。',
                'Backups are missing or restoring from them has not been tested.',
              ),
      recommendation: text(
        'ランサムウェアに備えてネットワークから切り離したバックアップを取り、年1回以上復元を試してください。',
        'Keep backups offline against ransomware and test a restore at least once a year.',
      ),
    };
  },

  EVIDENCE_EXPIRED: (f, catalog) => {
    const first = f.itemIds[0];
    const item = itemText(catalog, typeof first === 'string' && first !== '' ? first : null);
    const date = shown(str(f.params, 'date'));
    const expiredOn = shown(str(f.params, 'expiredOn'));
    return {
      message: text(
        `証跡「${item.ja}」（${date}）は ${expiredOn} に期限切れとなりました。評価に含めていません。`,
        `Evidence "${item.en}" (${date}) expired on ${expiredOn} and is not counted.`,
      ),
      recommendation: text(
        '最新の証跡（実施日・有効期限）に更新してください。',
        'Update the evidence with a current date.',
      ),
    };
  },

  LEVEL_GAP: (f, catalog) => {
    const labels = catalog.scoring.levelLabels;
    const required = str(f.params, 'requiredLevel');
    const requiredLabel = label(labels, required);
    const achievedLabel = label(labels, str(f.params, 'achievedLevel'));
    const min = shown(num(f.params, 'minDirective'));
    const strong = required === 'strong';
    return {
      message: text(
        `求められる水準は「${requiredLabel.ja}」ですが、達成水準は「${achievedLabel.ja}」です。`,
        `Required level: ${requiredLabel.en}; achieved: ${achievedLabel.en}.`,
      ),
      recommendation: text(
        `成熟度が${min}未満の指示を優先して改善してください${strong ? '。強化レベルには IPA 適合サービスリスト掲載事業者による診断・監査と異常監視も必要です' : ''}。`,
        `Improve the directives below ${min} first${strong ? '; the strong level also needs testing or audit by a listed provider and monitoring' : ''}.`,
      ),
    };
  },

  PROFILE_SIZE_MISMATCH: (f, catalog) => {
    const declared = optionText(catalog, ITEM.sizeClass, str(f.params, 'declared'));
    const computed = optionText(catalog, ITEM.sizeClass, str(f.params, 'computed'));
    return {
      message: text(
        `申告された企業規模（${declared.ja}）が資本金・従業員数から判定される区分（${computed.ja}）と異なります。`,
        `The declared size class (${declared.en}) differs from the one the capital and employees give (${computed.en}).`,
      ),
      recommendation: text('企業規模の回答を確認してください。', 'Check the size class answer.'),
    };
  },

  PROFILE_ACCESS_MISMATCH: fixed(
    text(
      'サプライヤーの回答（当社ネットワークへの接続・機密情報の取扱い）が発注者側の設定と一致しません。',
      "The supplier reports network access or handling of confidential data that the buyer's settings do not.",
    ),
    text(
      'このサプライヤーの要求水準の設定（3つの質問）を見直してください。',
      "Review this supplier's required-level settings (the three questions).",
    ),
  ),
};

/** Every code the engine emits and this renderer has words for. */
export const FINDING_CODES: readonly string[] = Object.freeze(Object.keys(RENDERERS));

/** For a code this version does not know: written by a newer or an older engine. */
function unknownFinding(code: string): FindingText {
  return {
    message: text(
      `この指摘（コード ${code}）の説明は表示できません。`,
      `No description is available for this finding (code ${code}).`,
    ),
    recommendation: text(
      'この指摘の推奨事項は表示できません。',
      'No recommendation is available for this finding.',
    ),
  };
}

/**
 * The message and recommendation of a finding, in Japanese and English. Texts that belong to the
 * catalog (a directive's advice, the level names) come from `catalog`: pass the catalog version the
 * finding was scored with. Never throws.
 */
export function describeFinding(catalog: Catalog, finding: FindingData): FindingText {
  const row: Row = {
    code: String(finding.code),
    directives: Array.isArray(finding.directives) ? finding.directives : [],
    itemIds: Array.isArray(finding.itemIds) ? finding.itemIds : [],
    params:
      typeof finding.params === 'object' &&
      finding.params !== null &&
      !Array.isArray(finding.params)
        ? finding.params
        : {},
  };
  if (!Object.hasOwn(RENDERERS, row.code)) return unknownFinding(row.code);
  return RENDERERS[row.code](row, catalog);
}
