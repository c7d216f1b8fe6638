// Thin client for the Corridor HTTP API (same origin, /api/v1). The session lives in an HTTP-only
// cookie; writes also carry the CSRF token the server handed out at sign-in.
import type { SessionView, UserView } from '../identity/index.js';
import type { CodeSuggestionRequest, CodeSuggestions } from '../profiles/index.js';
import type {
  ExtractAnswer,
  MatchedLabelKind,
  OccupationDetail,
  OccupationEvidence,
  OccupationSuggestion,
  ReferenceData,
  ReferenceLevel,
  SearchHit,
  SkillDetail,
  SkillSuggestion,
} from '../taxonomy/index.js';
import type { NewProfile, Profile, ProfileSummary } from './profiles.js';
import type { NewVacancy, Vacancy } from './vacancies.js';

/** The signed-in user as sign-in and GET /me answer (identity's contract). */
export type User = UserView;

/** The signed-in session as the app keeps it: sign-in's answer (the token unknown until /me says it). */
export type Session = Omit<SessionView, 'csrfToken'> & {
  csrfToken: string | null;
  /** A migrant's own profile id, when the session check said (saves the consents screen a round trip). */
  migrantId?: string | null;
};

/** Taxonomy's answers, from its contract (src/taxonomy/contract.ts). */
export type {
  MatchedLabelKind,
  OccupationDetail,
  OccupationEvidence,
  OccupationSuggestion,
  ReferenceData,
  ReferenceLevel,
  SearchHit,
  SkillDetail,
  SkillSuggestion,
};

export type ConceptType = SearchHit['type'];

/** A failed API call: HTTP status (0 when the network failed) and the server's message, if any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The server's machine-readable reason, e.g. 'totp_required'; 'network' when there was no answer. */
    readonly code: string,
    message: string,
    /** The field the server named, e.g. `body.currentRegion` (validation errors). */
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The field a 400 names: the last name in its path, e.g. `body.currentRegion` → `currentRegion`. An item of a list
 * is reported at the list, whose form field shows it: `body.citizenships.0` (or `/citizenships/0`) → `citizenships`.
 * Null for other errors.
 */
export function errorField(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.status !== 400 || !err.path) return null;
  const names = err.path.split(/[./]/).filter((part) => part !== '' && !/^\d+$/.test(part));
  return names.pop() ?? null;
}

const BASE = '/api/v1';
let csrfToken: string | null = null;
const unauthorisedListeners = new Set<() => void>();

/** Called whenever the server answers 401 to a signed-in call (session expired or revoked). */
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Sign-in and session probing must not trigger the global "signed out" handling. */
  quietOn401?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  // The interface language (set on <html> by i18n.ts): the server writes e-mails the caller causes in it.
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': globalThis.document?.documentElement.lang || 'en',
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'network');
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !options.quietOn401) unauthorisedListeners.forEach((l) => l());
    // The server's error shape: { error: { code, message, path? } }.
    const body = (data as { error?: { code?: unknown; message?: unknown; path?: unknown } } | undefined)?.error;
    const code = typeof body?.code === 'string' ? body.code : String(res.status);
    const message = typeof body?.message === 'string' ? body.message : res.statusText;
    throw new ApiError(res.status, code, message, typeof body?.path === 'string' ? body.path : undefined);
  }
  return data as T;
}

export function encodeQuery(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** ESCO concept URIs end in a UUID; the API addresses occupations by it. */
export function conceptId(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

export const api = {
  /** `totp` only for accounts with two-step sign-in (the server answers 401 totp_required without it). */
  async signIn(email: string, password: string, totp?: string): Promise<Session> {
    const r = await request<{ user: User; csrfToken?: string }>('POST', '/auth/login', {
      body: totp ? { email, password, totp } : { email, password },
      quietOn401: true,
    });
    setCsrfToken(r.csrfToken ?? null);
    return { user: r.user, csrfToken: r.csrfToken ?? null };
  },

  async signOut(): Promise<void> {
    try {
      await request('POST', '/auth/logout', { body: {}, quietOn401: true });
    } finally {
      setCsrfToken(null);
    }
  },

  /** The current session, or null when nobody is signed in. */
  async me(): Promise<Session | null> {
    try {
      const r = await request<{ user?: User; csrfToken?: string; migrantId?: string | null } & Partial<User>>(
        'GET',
        '/me',
        {
          quietOn401: true,
        },
      );
      // Accept both `{ user, csrfToken }` and a bare user object.
      const user = r.user ?? (r.id ? (r as User) : null);
      if (!user) return null;
      if (r.csrfToken) setCsrfToken(r.csrfToken);
      return { user, csrfToken: r.csrfToken ?? csrfToken, migrantId: r.migrantId ?? null };
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return null;
      throw err;
    }
  },

  search(
    q: string,
    type: ConceptType | undefined,
    lang: string,
    limit: number,
    signal?: AbortSignal,
  ): Promise<{ results: SearchHit[] }> {
    return request('GET', `/taxonomy/search${encodeQuery({ q, type, lang, limit })}`, { signal });
  },

  /** `order: 'relevance'`: essential skills most telling first, each with its reuse level. */
  occupation(id: string, lang: string, signal?: AbortSignal, order?: 'relevance'): Promise<OccupationDetail> {
    return request('GET', `/taxonomy/occupations/${encodeURIComponent(id)}${encodeQuery({ lang, order })}`, {
      signal,
    });
  },

  skill(id: string, lang: string, signal?: AbortSignal): Promise<SkillDetail> {
    return request('GET', `/taxonomy/skills/${encodeURIComponent(id)}${encodeQuery({ lang })}`, { signal });
  },

  reference(lang: string, signal?: AbortSignal): Promise<ReferenceData> {
    return request('GET', `/taxonomy/reference${encodeQuery({ lang })}`, { signal });
  },

  classifyOccupation(
    title: string,
    description: string,
    lang: string,
    top = 5,
    signal?: AbortSignal,
  ): Promise<{ results: OccupationSuggestion[] }> {
    return request('POST', '/taxonomy/classify-occupation', {
      body: { title, description: description || undefined, lang, top },
      signal,
    });
  },

  /** Without `lang` the server reads the text in its own language and says which; labels come in `labelLang`. */
  extractSkills(text: string, options: { lang?: string; labelLang: string }, top = 10): Promise<ExtractAnswer> {
    return request('POST', '/taxonomy/extract-skills', {
      body: { text, lang: options.lang, labelLang: options.labelLang, top },
    });
  },

  vacancies(signal?: AbortSignal): Promise<{ items: Vacancy[] }> {
    return request('GET', '/vacancies?limit=100', { signal });
  },

  /** Without essentialSkills/optionalSkills the server fills them from the occupation's ESCO relations. */
  createVacancy(input: NewVacancy): Promise<Vacancy> {
    return request('POST', '/vacancies', { body: input });
  },

  /** `seeking`: 'true' / 'false' filters by "looking for work"; undefined lists everyone. */
  caseload(name: string, signal?: AbortSignal, seeking?: 'true' | 'false'): Promise<{ items: ProfileSummary[] }> {
    return request('GET', `/profiles${encodeQuery({ name: name.trim() || undefined, seeking, limit: 200 })}`, {
      signal,
    });
  },

  createProfile(input: NewProfile): Promise<Profile> {
    return request('POST', '/profiles', { body: input });
  },

  profile(id: string, signal?: AbortSignal): Promise<Profile> {
    return request('GET', `/profiles/${encodeURIComponent(id)}`, { signal });
  },

  /** Replace with `body` (which names the version read); 409 when someone saved in between. */
  updateProfile(id: string, body: Record<string, unknown>): Promise<Profile> {
    return request('PUT', `/profiles/${encodeURIComponent(id)}`, { body });
  },
};

/** Profiles' answer with codes for free text, from its contract (src/profiles/contract.ts). */
export type { CodeSuggestions };

/** POST /profiles/code-suggestions: codes for free text, read in the text's own language unless `lang` is given. */
export const codeSuggestions = {
  skills(
    text: string,
    options: { lang?: string; labelLang: string; top?: number },
    signal?: AbortSignal,
  ): Promise<CodeSuggestions> {
    return request('POST', '/profiles/code-suggestions', {
      body: {
        kind: 'skills',
        text,
        lang: options.lang,
        labelLang: options.labelLang,
        top: options.top ?? 8,
      } satisfies CodeSuggestionRequest,
      signal,
    });
  },
};
