import type { MailKind } from '@kakehashi/database';
import type { MailLocale } from '../mail-data.types';

/** Handlebars sources of one kind: subject and text are not escaped, html is. */
export interface TemplateSource {
  subject: string;
  text: string;
  /** Body only; the layout adds the frame and the footer. */
  html: string;
}

export type KindTemplates = Record<MailLocale, TemplateSource>;
export type AllTemplates = Record<MailKind, KindTemplates>;
