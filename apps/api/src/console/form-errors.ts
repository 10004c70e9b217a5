import { HttpException, NotFoundException } from '@nestjs/common';

/** What a console page says about a refused form, in the person's language, each problem once. */
export interface FormErrorList<Field extends string> {
  messages: string[];
  /** Inputs to mark as invalid. */
  fields: Field[];
}

/** Messages in the form's order, each once (a field refused by several rules is told once). */
export class FormErrors<Field extends string> {
  private readonly entries: { field: Field | null; message: string }[] = [];

  /** The form's fields top to bottom; form-wide messages (field null) come after them. */
  constructor(private readonly fieldOrder: readonly Field[]) {}

  get size(): number {
    return this.entries.length;
  }

  has(field: Field): boolean {
    return this.entries.some((e) => e.field === field);
  }

  add(field: Field | null, message: string): void {
    if (field && this.has(field)) return;
    if (this.entries.some((e) => e.message === message)) return;
    this.entries.push({ field, message });
  }

  result(): FormErrorList<Field> {
    const order = (field: Field | null) =>
      field === null ? this.fieldOrder.length : this.fieldOrder.indexOf(field);
    const sorted = [...this.entries].sort((a, b) => order(a.field) - order(b.field));
    return {
      messages: sorted.map((e) => e.message),
      fields: sorted.flatMap((e) => (e.field ? [e.field] : [])),
    };
  }
}

/**
 * A use case's refusal that the form can tell in its own words (a 4xx). A missing record and
 * server errors are not the form's business and are thrown on.
 */
export function formRefusal(error: unknown): HttpException {
  if (
    !(error instanceof HttpException) ||
    error.getStatus() >= 500 ||
    error instanceof NotFoundException
  ) {
    throw error;
  }
  return error;
}

/** The form-wide refusal of a post from another site, in the page's words. */
export function otherSiteErrors(text: { errors: { otherSite: string } }): FormErrorList<never> {
  return { messages: [text.errors.otherSite], fields: [] };
}
