// API calls the interview and self-service browser tests make behind the scenes: signed-in requests as a seeded
// user, and migrant accounts created the way an organisation creates them (invitation, accepted or not).
import { PASSWORD, type SeededUser } from './harness.js';

export type Call = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

/** Signs in over HTTP and returns a caller that sends the session cookie and CSRF header. */
export async function apiAs(baseUrl: string, user: { email: string }, password = PASSWORD): Promise<Call> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${user.email} failed: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  return async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw Object.assign(new Error(`${method} ${path}: ${res.status} ${text}`), { status: res.status });
    return (text ? JSON.parse(text) : null) as T;
  };
}

export interface Me {
  user: { id: string; organisationId: string };
  migrantId: string | null;
  organisation: { id: string; name: string };
}

/** An invitation for a new migrant of the org admin's organisation: the one-time token and the email invited. */
export async function inviteMigrant(
  baseUrl: string,
  orgAdmin: SeededUser,
  name: string,
): Promise<{ token: string; email: string }> {
  const admin = await apiAs(baseUrl, orgAdmin);
  const me = await admin<Me>('GET', '/me');
  const email = `migrant.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`;
  const r = await admin<{ token: string }>('POST', `/organisations/${me.organisation.id}/invitations`, {
    email,
    name,
    role: 'migrant',
  });
  return { token: r.token, email };
}

/** A migrant account that exists already (invitation accepted over the API), for tests that start signed in. */
export async function migrantAccount(
  baseUrl: string,
  orgAdmin: SeededUser,
  name: string,
): Promise<{ email: string; password: string; userId: string; migrantId: string; call: Call }> {
  const { token, email } = await inviteMigrant(baseUrl, orgAdmin, name);
  const password = 'migrant password one';
  const res = await fetch(`${baseUrl}/api/v1/auth/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });
  if (!res.ok) throw new Error(`accept failed: ${res.status} ${await res.text()}`);
  const { user } = (await res.json()) as { user: { id: string } };
  const call = await apiAs(baseUrl, { email }, password);
  const { migrantId } = await call<Me>('GET', '/me');
  return { email, password, userId: user.id, migrantId: migrantId!, call };
}

/** A one-time password-reset token for a user of the org admin's organisation. */
export async function resetToken(baseUrl: string, orgAdmin: SeededUser, userId: string): Promise<string> {
  const admin = await apiAs(baseUrl, orgAdmin);
  return (await admin<{ token: string }>('POST', `/users/${userId}/password-reset`)).token;
}
