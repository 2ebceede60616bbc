import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in the test process (smtp-server), keeping every mail it
 * receives, parsed (mailparser). `delayMs` holds each mail that long before accepting it.
 */
export class MailCatcher {
  readonly mails: ParsedMail[] = [];
  private readonly waiters: { to: string; done: (mail: ParsedMail) => void }[] = [];
  private server!: SMTPServer;
  url = '';

  static async start(options: { delayMs?: number } = {}): Promise<MailCatcher> {
    const catcher = new MailCatcher();
    catcher.server = new SMTPServer({
      authOptional: true,
      // Any user and password will do, over plain SMTP: it is a test server on the loopback.
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            await new Promise((r) => setTimeout(r, options.delayMs ?? 0));
            catcher.received(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((done) => catcher.server.listen(0, '127.0.0.1', done));
    const { port } = catcher.server.server.address() as { port: number };
    catcher.url = `smtp://127.0.0.1:${port}`;
    return catcher;
  }

  /** The next mail to `to` (or one already received and not taken yet). */
  nextMailTo(to: string, timeoutMs = 5000): Promise<ParsedMail> {
    const index = this.mails.findIndex((mail) => recipients(mail).includes(to));
    if (index >= 0) return Promise.resolve(this.mails.splice(index, 1)[0]);
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no mail to ${to} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ to, done: (mail) => (clearTimeout(timer), done(mail)) });
    });
  }

  mailsTo(to: string): ParsedMail[] {
    return this.mails.filter((mail) => recipients(mail).includes(to));
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }

  private received(mail: ParsedMail): void {
    const waiter = this.waiters.findIndex((w) => recipients(mail).includes(w.to));
    if (waiter >= 0) this.waiters.splice(waiter, 1)[0].done(mail);
    else this.mails.push(mail);
  }
}

function recipients(mail: ParsedMail): string[] {
  const to = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((address) => address.value.map((v) => v.address ?? ''));
}

/** The link of a reset mail's text. */
export function linkIn(mail: ParsedMail): URL {
  const match = /https?:\/\/\S+/.exec(mail.text ?? '');
  if (!match) throw new Error(`no link in: ${mail.text}`);
  return new URL(match[0]);
}
