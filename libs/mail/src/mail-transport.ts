/** One rendered message, ready for a transport. Display names may be any UTF-8 text. */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: { name?: string | null; address: string };
  /** Where replies go when not to `from` (supplier mails: the campaign owner). */
  replyTo?: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. X-Kakehashi-Message-Key for tracing. */
  headers?: Record<string, string>;
}

export interface SendResult {
  messageId: string;
  /** The server's final reply, e.g. `250 OK: queued as ...`. */
  response: string;
}

/** Where mail goes: an SMTP server, or the file outbox in development. */
export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** A failure the sender must not retry (5xx): the address or message is refused for good. */
export function isPermanentMailError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The server's words for a failure, kept on the mail row and the contact. */
export function describeMailError(error: unknown): string {
  const e = error as { response?: unknown; message?: unknown; code?: unknown } | null;
  if (typeof e?.response === 'string' && e.response) return e.response;
  if (typeof e?.message === 'string') return e.code ? `${String(e.code)}: ${e.message}` : e.message;
  return String(error);
}
