/**
 * A saved answer that the catalog does not allow; the API turns it into a 400 naming the item.
 * `message` names the item by its id (logs and API clients rely on it); `messageJa` and
 * `messageEn` are for people and name it by its text in their language.
 */
export class AnswerValidationError extends Error {
  readonly messageEn: string;

  constructor(
    readonly itemId: string,
    message: string,
    readonly messageJa: string,
    messageEn?: string,
  ) {
    super(message);
    this.name = 'AnswerValidationError';
    this.messageEn = messageEn ?? message;
  }
}
