// Catalog meti-v3.0+sa-3.1: CSM guideline Ver3.0 + SME guideline 第3.1版 (DOMAIN.md §12).
import type { Catalog } from '../catalog.types';
import { MATURITY_LEVELS } from '../scales';
import { AUDITED_SERVICES_SECTION } from './audited-services.section';
import { DIRECTIVE_01, DIRECTIVE_02, DIRECTIVE_03 } from './directives-governance.sections';
import { DIRECTIVE_07, DIRECTIVE_08 } from './directives-incident.sections';
import { DIRECTIVE_09, DIRECTIVE_10 } from './directives-partners.sections';
import { DIRECTIVE_04, DIRECTIVE_05, DIRECTIVE_06 } from './directives-risk.sections';
import { INCIDENT_READINESS_SECTION } from './incident-readiness.section';
import { IOT_SECTION } from './iot.section';
import { OTASUKETAI_SECTION } from './otasuketai.section';
import { PROFILE_SECTION } from './profile.section';
import { SCORING_MODEL } from './scoring-model';
import { SECURITY_ACTION_SECTION } from './security-action.section';
import { SELF_CHECK_SECTION } from './self-check.section';

export const METI_V3_SA_3_1: Catalog = {
  version: 'meti-v3.0+sa-3.1',
  title: {
    ja: 'サプライヤーセキュリティ質問票（サイバーセキュリティ経営ガイドライン Ver3.0・中小企業の情報セキュリティ対策ガイドライン第3.1版に基づく）',
    en: 'Supplier security questionnaire (based on the CSM Guidelines Ver3.0 and the SME guidelines ed. 3.1)',
  },
  publishedOn: '2026-11-30',
  editions: [
    { framework: 'meti-csm', edition: '3.0' },
    { framework: 'ipa-sme-guideline', edition: '3.1' },
    { framework: 'ipa-otasuketai', edition: '2.0' },
    { framework: 'ipa-jcstar', edition: '★1 1.1' },
  ],
  maturityLevels: MATURITY_LEVELS,
  sections: [
    PROFILE_SECTION,
    DIRECTIVE_01,
    DIRECTIVE_02,
    DIRECTIVE_03,
    DIRECTIVE_04,
    DIRECTIVE_05,
    DIRECTIVE_06,
    DIRECTIVE_07,
    DIRECTIVE_08,
    DIRECTIVE_09,
    DIRECTIVE_10,
    SECURITY_ACTION_SECTION,
    SELF_CHECK_SECTION,
    OTASUKETAI_SECTION,
    AUDITED_SERVICES_SECTION,
    IOT_SECTION,
    INCIDENT_READINESS_SECTION,
  ],
  scoring: SCORING_MODEL,
};
