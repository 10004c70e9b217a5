import Handlebars from 'handlebars';
import type { MailKind } from '@kakehashi/database';
import { MailData, MailLocale, RenderedMail } from './mail-data.types';
import { FOOTERS, HTML_LAYOUT, STAFF_FOOTERS, STAFF_MAIL_KINDS, TEMPLATES } from './templates';

type Compiled = Handlebars.TemplateDelegate;

interface CompiledKind {
  subject: Compiled;
  text: Compiled;
  html: Compiled;
}

const TIER_LABELS: Record<MailLocale, Record<string, string>> = {
  ja: { low: '低', medium: '中', high: '高', critical: '重大' },
  en: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
};

/**
 * Renders every kind of mail in ja and en. All templates are compiled once, here, with
 * `strict: true`, so a template naming a field its data lacks fails at the first render in
 * tests instead of mailing a blank. HTML parts escape every value; subject and text are plain.
 */
export class MailRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, CompiledKind>();
  private readonly layout: Compiled;
  private readonly footers = new Map<string, { html: Compiled; text: Compiled }>();

  constructor() {
    this.registerHelpers();
    const plain = { strict: true, noEscape: true };
    const escaped = { strict: true };
    this.layout = this.handlebars.compile(HTML_LAYOUT, escaped);
    for (const locale of ['ja', 'en'] as const) {
      for (const [audience, footers] of [
        ['supplier', FOOTERS],
        ['staff', STAFF_FOOTERS],
      ] as const) {
        this.footers.set(`${audience}:${locale}`, {
          html: this.handlebars.compile(footers[locale].html, escaped),
          text: this.handlebars.compile(footers[locale].text, plain),
        });
      }
    }
    for (const [kind, locales] of Object.entries(TEMPLATES)) {
      for (const locale of ['ja', 'en'] as const) {
        const source = locales[locale];
        this.compiled.set(`${kind}:${locale}`, {
          subject: this.handlebars.compile(source.subject, plain),
          text: this.handlebars.compile(source.text, plain),
          html: this.handlebars.compile(source.html, escaped),
        });
      }
    }
  }

  render(mail: MailData): RenderedMail {
    const locale: MailLocale = mail.locale === 'en' ? 'en' : 'ja';
    const templates = this.templates(mail.kind, locale);
    const audience = STAFF_MAIL_KINDS.has(mail.kind) ? 'staff' : 'supplier';
    const footer = this.footers.get(`${audience}:${locale}`)!;
    const data = mail.data as unknown as Record<string, unknown>;
    // Header folding is nodemailer's job; a line break inside a subject would split headers.
    const subject = templates.subject(data).replace(/\s+/g, ' ').trim();
    const html = this.layout({
      locale,
      subject,
      body: templates.html(data),
      footer: footer.html(data),
    });
    const text = `${templates.text(data).trim()}\n\n${footer.text(data)}\n`;
    return { subject, text, html };
  }

  private templates(kind: MailKind, locale: MailLocale): CompiledKind {
    const found = this.compiled.get(`${kind}:${locale}`);
    if (!found) throw new Error(`no mail template for ${kind}/${locale}`);
    return found;
  }

  private registerHelpers(): void {
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.handlebars.registerHelper('gt', (a: number, b: number) => a > b);
    this.handlebars.registerHelper('gte', (a: number, b: number) => a >= b);
    this.handlebars.registerHelper('abs', (a: number) => Math.abs(a));
    this.handlebars.registerHelper('tierJa', (tier: string) => TIER_LABELS.ja[tier] ?? tier);
    this.handlebars.registerHelper('tierEn', (tier: string) => TIER_LABELS.en[tier] ?? tier);
  }
}
