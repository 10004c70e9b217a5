import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What a test may answer to one recipient: `null` accepts, otherwise an SMTP code + text. */
export type SinkResponse = null | { code: number; message: string };

export interface SinkOptions {
  /**
   * Called at RCPT time for each recipient. `attempt` counts the tries for that address
   * (1 for the first), so a test can answer 421 to the first N tries or 550 for an address.
   */
  respond?: (mail: { to: string[]; attempt: number }) => SinkResponse;
  /** false: count accepted messages without parsing or keeping them (benchmarks). */
  keep?: boolean;
}

export interface SmtpSink {
  port: number;
  url: string;
  /** Accepted messages, parsed by mailparser (to, from, subject, text, html, headers). */
  messages: ParsedMail[];
  /** Number of accepted messages (also counted when `keep` is false). */
  readonly accepted: number;
  /** Resolves once `count` messages were accepted; rejects after `timeoutMs`. */
  waitFor: (count: number, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

/** A real SMTP server in-process (no TLS, no auth needed) that parses what arrives. */
export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const keep = options.keep ?? true;
  const messages: ParsedMail[] = [];
  const attempts = new Map<string, number>();
  const waiters = new Set<() => void>();
  let accepted = 0;
  const notify = (): void => waiters.forEach((check) => check());

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    secure: false,
    logger: false,
    size: 25 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      const attempt = (attempts.get(to) ?? 0) + 1;
      attempts.set(to, attempt);
      const answer = options.respond?.({ to: [to], attempt }) ?? null;
      if (!answer) return callback();
      const error = new Error(answer.message) as Error & { responseCode: number };
      error.responseCode = answer.code;
      callback(error);
    },
    onData(stream, _session, callback) {
      if (!keep) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          accepted += 1;
          callback();
          notify();
        });
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        callback();
        simpleParser(Readable.from([raw]))
          .then((parsed) => {
            messages.push(parsed);
            accepted += 1;
            notify();
          })
          .catch(() => undefined);
      });
    },
  });
  server.on('error', () => undefined);

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get accepted() {
      return accepted;
    },
    waitFor(count, timeoutMs = 30000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (accepted < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP sink: ${accepted} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
