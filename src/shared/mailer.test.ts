// The mailer against a real (local) SMTP server: delivered when one is configured, nothing when none is, and a
// server that is down gives `false` (logged), never an exception that could undo the action that sent it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createMailer } from './mailer.js';
import { startTestSmtp, type TestSmtp } from './testing-smtp.js';

describe('mailer', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => smtp?.close());

  it('delivers through the configured SMTP server, from the configured sender', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Corridor <no-reply@example.org>' });
    expect(mailer.enabled).toBe(true);
    const sent = await mailer.send({ to: 'amal@example.org', subject: 'Hello', text: 'Open https://x.example/inbox' });
    expect(sent).toBe(true);
    const [mail] = await smtp.waitFor(1);
    expect(mail).toMatchObject({ from: 'no-reply@example.org', to: ['amal@example.org'] });
    expect(mail!.raw).toContain('Subject: Hello');
    expect(mail!.raw).toContain('https://x.example/inbox');
    mailer.close();
  });

  it('without SMTP sends nothing; with the server down reports false and logs without the address', async () => {
    const none = createMailer({ mailFrom: 'x@example.org' });
    expect(none.enabled).toBe(false);
    expect(await none.send({ to: 'a@example.org', subject: 's', text: 't' })).toBe(false);
    const logged: object[] = [];
    const down = createMailer(
      { smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'x@example.org' },
      { warn: (obj) => logged.push(obj) },
    );
    expect(await down.send({ to: 'secret.person@example.org', subject: 's', text: 't' })).toBe(false);
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain('secret.person');
    down.close();
  });

  it('reads CORRIDOR_SMTP_URL and CORRIDOR_MAIL_FROM, and refuses a URL that is not SMTP', () => {
    const env = { CORRIDOR_DATA_DIR: 'memory://', CORRIDOR_PUBLIC_URL: 'https://corridor.example.org' };
    expect(loadConfig({ env }).mailFrom).toBe('Corridor <no-reply@corridor.example.org>');
    expect(loadConfig({ env }).smtpUrl).toBeUndefined();
    const c = loadConfig({
      env: { ...env, CORRIDOR_SMTP_URL: 'smtps://u:p@mail.example.org:465', CORRIDOR_MAIL_FROM: 'NGO <a@b.org>' },
    });
    expect(c).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.org:465', mailFrom: 'NGO <a@b.org>' });
    expect(() => loadConfig({ env: { ...env, CORRIDOR_SMTP_URL: 'http://mail.example.org' } })).toThrow(
      /CORRIDOR_SMTP_URL/,
    );
  });
});
