/** A saved answer that the catalog does not allow; the API turns it into a 400 naming the item. */
export class AnswerValidationError extends Error {
  constructor(
    readonly itemId: string,
    message: string,
    readonly messageJa: string,
  ) {
    super(message);
    this.name = 'AnswerValidationError';
  }
}
