import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, conceptId, encodeQuery, errorField, onUnauthorised, setCsrfToken } from './api.js';
import { errorKey } from './errors.js';
import { signInErrorKey } from './screens/SignIn.js';
import { toggleDecision } from './profiles.js';

function reply(status: number, body: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('api client', () => {
  it('builds query strings without empty parameters', () => {
    expect(encodeQuery({ q: 'chef de cuisine', type: undefined, lang: 'fr', limit: 8 })).toBe(
      '?q=chef+de+cuisine&lang=fr&limit=8',
    );
    expect(encodeQuery({ q: '' })).toBe('');
  });

  it('takes the UUID at the end of an ESCO URI', () => {
    expect(conceptId('http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1')).toBe(
      'f2b15a0e-e65a-438a-affb-29b9d50b77d1',
    );
  });

  it('keeps the CSRF token from sign-in and sends it on writes only', async () => {
    const fetchMock = vi.fn(async (url: string, _init: RequestInit) => {
      if (url.endsWith('/auth/login'))
        return reply(200, { user: { id: 'u', name: 'Amal', role: 'advisor', organisationId: 'o' }, csrfToken: 'tok' });
      return reply(200, { results: [] });
    });
    vi.stubGlobal('fetch', fetchMock);
    const session = await api.signIn('a@example.org', 'pw');
    expect(session.user.name).toBe('Amal');
    await api.search('cook', 'occupation', 'en', 5);
    await api.extractSkills('I cook rice.', { labelLang: 'en' });
    const headers = (i: number) => fetchMock.mock.calls[i]![1].headers as Record<string, string>;
    expect(headers(0)['x-csrf-token']).toBeUndefined();
    expect(fetchMock.mock.calls[1]![0]).toBe('/api/v1/taxonomy/search?q=cook&type=occupation&lang=en&limit=5');
    expect(headers(1)['x-csrf-token']).toBeUndefined();
    expect(headers(2)['x-csrf-token']).toBe('tok');
    // No lang: the server tells the text's language itself.
    expect(JSON.parse(fetchMock.mock.calls[2]![1].body as string)).toEqual({
      text: 'I cook rice.',
      labelLang: 'en',
      top: 10,
    });
  });

  it('reads the server error shape and tells listeners about a lost session', async () => {
    vi.stubGlobal('fetch', async () => reply(401, { error: { code: 'unauthenticated', message: 'Sign in first' } }));
    const lost = vi.fn();
    const off = onUnauthorised(lost);
    const err = await api.search('x', undefined, 'en', 5).catch((e: unknown) => e);
    off();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect((err as ApiError).code).toBe('unauthenticated');
    expect((err as ApiError).message).toBe('Sign in first');
    expect(lost).toHaveBeenCalledOnce();
  });

  it('treats "not signed in" on /me as no session, not as an error', async () => {
    vi.stubGlobal('fetch', async () => reply(401, { error: { code: 'unauthenticated', message: 'x' } }));
    expect(await api.me()).toBeNull();
    vi.stubGlobal('fetch', async () =>
      reply(200, { user: { id: 'u', name: 'N', role: 'analyst', organisationId: 'o' }, csrfToken: 'c2' }),
    );
    expect(await api.me()).toEqual({
      user: { id: 'u', name: 'N', role: 'analyst', organisationId: 'o' },
      csrfToken: 'c2',
      migrantId: null,
    });
    // A migrant's session carries their profile id (the consents screen needs no second /me).
    vi.stubGlobal('fetch', async () =>
      reply(200, {
        user: { id: 'm', name: 'M', role: 'migrant', organisationId: 'o' },
        csrfToken: 'c3',
        migrantId: 'p1',
      }),
    );
    expect((await api.me())?.migrantId).toBe('p1');
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = await api.me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(errorKey(err)).toBe('errors.network');
  });
});

describe('messages for failures', () => {
  it('maps statuses and sign-in codes to translated messages', () => {
    expect(errorKey(new ApiError(403, 'forbidden', ''))).toBe('errors.forbidden');
    expect(errorKey(new ApiError(429, 'rate_limited', ''))).toBe('errors.rateLimited');
    expect(errorKey(new ApiError(503, 'x', ''))).toBe('errors.server');
    expect(errorKey(new Error('boom'))).toBe('errors.server');
    expect(signInErrorKey(new ApiError(401, 'invalid_credentials', ''))).toBe('signIn.failed');
    expect(signInErrorKey(new ApiError(401, 'totp_invalid', ''))).toBe('signIn.totpInvalid');
    expect(signInErrorKey(new ApiError(429, 'account_locked', ''))).toBe('signIn.locked');
    expect(signInErrorKey(new ApiError(429, 'rate_limited', ''))).toBe('errors.rateLimited');
  });
});

describe('confirming suggestions', () => {
  it('toggles a decision and lets the person change their mind', () => {
    expect(toggleDecision(undefined, 'confirmed')).toBe('confirmed');
    expect(toggleDecision('confirmed', 'confirmed')).toBeUndefined();
    expect(toggleDecision('confirmed', 'rejected')).toBe('rejected');
  });
});

describe('links between concepts', () => {
  it('links ESCO skills to their screen but not skill groups or ISCED-F fields', async () => {
    const { skillPathOrNull, conceptPath } = await import('./screens/Explorer.js');
    const uuid = 'a1b2c3d4-0000-4000-8000-000000000001';
    expect(skillPathOrNull(`http://data.europa.eu/esco/skill/${uuid}`)).toBe(`/explorer/skills/${uuid}`);
    expect(skillPathOrNull('http://data.europa.eu/esco/skill/S1.2.3')).toBeNull();
    expect(skillPathOrNull('http://data.europa.eu/esco/isced-f/0712')).toBeNull();
    expect(conceptPath({ type: 'occupation', uri: `http://data.europa.eu/esco/occupation/${uuid}` })).toBe(
      `/explorer/occupations/${uuid}`,
    );
  });
});

describe('the field a refused request names', () => {
  it('is the last name of the path; an item of a list is reported at the list', () => {
    const at = (path: string | undefined, status = 400) => errorField(new ApiError(status, 'invalid', 'x', path));
    expect(at('body.currentRegion')).toBe('currentRegion');
    expect(at('body.citizenships.0')).toBe('citizenships');
    expect(at('/citizenships/1')).toBe('citizenships');
    expect(at('body.experience.2.months')).toBe('months');
    expect(at(undefined)).toBeNull();
    expect(at('body.citizenships.0', 409)).toBeNull();
    expect(errorField(new Error('x'))).toBeNull();
  });
});
