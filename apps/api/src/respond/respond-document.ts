import { AnswerValue, Answers, LocalizedText, resolveItems } from '@kakehashi/domain';
import { LoadedAssessment } from './respond-answers.service';

export interface RespondDocument {
  assessmentId: string;
  status: string;
  catalogVersion: string;
  version: number;
  supplier: { name: string };
  sections: {
    id: string;
    title: LocalizedText;
    items: {
      id: string;
      kind: string;
      required: boolean;
      visible: boolean;
      text: LocalizedText;
      options?: { code: string; label: LocalizedText }[];
      answer?: AnswerValue;
    }[];
  }[];
}

/** GET /respond/:token: the catalog with visible/required settled by the answers saved so far. */
export function toRespondDocument({
  assessment,
  supplierName,
  catalog,
}: LoadedAssessment): RespondDocument {
  const answers = assessment.answers as Answers;
  const states = resolveItems(catalog, answers);
  return {
    assessmentId: assessment.id,
    status: assessment.status,
    catalogVersion: assessment.catalogVersion,
    version: assessment.version,
    supplier: { name: supplierName },
    sections: catalog.sections.map((section) => ({
      id: section.id,
      title: section.title,
      items: section.items.map((item) => {
        const state = states.get(item.id);
        return {
          id: item.id,
          kind: item.kind,
          required: state?.required ?? false,
          visible: state?.visible ?? false,
          text: item.text,
          ...(item.options
            ? { options: item.options.map((o) => ({ code: o.code, label: o.label })) }
            : {}),
          ...(answers[item.id] !== undefined ? { answer: answers[item.id] } : {}),
        };
      }),
    })),
  };
}
