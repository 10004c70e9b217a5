// Pass/fail buyer requirements, reported apart from the numbers (DOMAIN.md §10 rule 3). The first
// three never flip from passed to failed when an answer improves. The evidence gate reports on what
// was claimed, so a new claim can bring stale evidence with it; a stale claim adds no credit.
import type { SizeClass } from '../catalog/catalog.types';
import { ITEM } from '../catalog/item-ids';
import type { AnswerView } from './answer-view';
import type { ExpiredEvidence } from './evidence';
import type { SecurityActionAssessment } from './security-action';
import type { ServicesAssessment } from './services';
import type { Gate } from './scoring.types';

export interface GateInputs {
  view: AnswerView;
  asOf: string;
  sizeClass: SizeClass;
  securityAction: SecurityActionAssessment;
  services: ServicesAssessment;
  expired: ExpiredEvidence[];
}

export interface IotStatus {
  delivers: boolean;
  level: string | null;
  labelCurrent: boolean;
}

export function iotStatus(view: AnswerView, asOf: string): IotStatus {
  const delivers = view.visible(ITEM.iotLevel);
  const option = view.option(ITEM.iotLevel);
  const expires = view.text(ITEM.iotExpires);
  return {
    delivers,
    level: option?.code ?? null,
    labelCurrent: (option?.score ?? 0) >= 1 && expires !== null && expires >= asOf,
  };
}

export function evaluateGates(input: GateInputs): Gate[] {
  const gates: Gate[] = [];
  const sa = input.securityAction;
  gates.push({
    code: 'SA_STAR2',
    passed: sa.effective === 'star2',
    message:
      sa.effective === 'star2'
        ? {
            ja: 'SECURITY ACTION ★★二つ星を宣言しており、回答と整合しています。',
            en: 'SECURITY ACTION ★★ is declared and backed by the answers.',
          }
        : sa.declared === 'star2'
          ? {
              ja: '★★二つ星の宣言が自社診断または基本方針の回答と整合していません。',
              en: 'The ★★ declaration is not backed by the self-check or policy answers.',
            }
          : {
              ja: 'SECURITY ACTION ★★二つ星を宣言していません。',
              en: 'SECURITY ACTION ★★ is not declared.',
            },
  });
  if (input.sizeClass === 'sme') {
    const passed = input.services.monitoring.credit >= 1;
    gates.push({
      code: 'SME_MONITORING',
      passed,
      message: passed
        ? {
            ja: 'お助け隊サービス等による異常監視を受けています。',
            en: 'Monitoring is in place (Otasuketai or an equivalent service).',
          }
        : {
            ja: 'お助け隊サービス等による異常監視がありません。',
            en: 'No monitoring by an Otasuketai or equivalent service.',
          },
    });
  }
  const iot = iotStatus(input.view, input.asOf);
  if (iot.delivers) {
    gates.push({
      code: 'IOT_JCSTAR_STAR1',
      passed: iot.labelCurrent,
      message: iot.labelCurrent
        ? {
            ja: '納入する IoT 製品は有効な JC-STAR ★1 以上のラベルを取得しています。',
            en: 'Delivered IoT products hold a current JC-STAR label of ★1 or higher.',
          }
        : {
            ja: '納入する IoT 製品に有効な JC-STAR ★1 以上のラベルがありません。',
            en: 'Delivered IoT products lack a current JC-STAR label of ★1 or higher.',
          },
    });
  }
  const stale = input.expired.map((e) => e.itemId);
  gates.push({
    code: 'EVIDENCE_CURRENT',
    passed: stale.length === 0,
    message:
      stale.length === 0
        ? { ja: '期限切れの証跡はありません。', en: 'No evidence has expired.' }
        : {
            ja: `期限切れの証跡があります（${stale.join('、')}）。`,
            en: `Some evidence has expired (${stale.join(', ')}).`,
          },
  });
  return gates;
}
