// Why an audit entry was written, as the log stores it: a short English text made from a template, so the log reads
// on its own (CLI, exports) and every earlier entry keeps its wording. The org admin's screen reads the same
// templates back into a code and its values, to say them in the reader's language. One list for writer and reader.

/** Each reason's template; `{name}` stands for a value without spaces (an id, a number, a code). */
export const AUDIT_REASONS = {
  profileRead: 'profile-read',
  sensitiveRead: 'sensitive-read',
  ownProfile: 'own-profile',
  caseloadList: 'caseload-list',
  advisorShortlist: 'advisor-shortlist',
  employerShortlist: 'candidate shortlist of vacancy {vacancy}',
  candidateView: 'candidate view for employer',
  profileMoved: 'to organisation {organisation}',
  cvDownloaded: 'cv.pdf ({lang})',
  accessRequest: 'data subject access request',
  consentGiven: '{purpose} for migrant {person}',
  consentWithdrawn: 'withdrawn: {purpose}',
  invitationSent: 'role {role}',
  invitationAccepted: 'accepted invitation {invitation}',
  resetIssued: 'for user {user}',
  resetIssuedByCli: 'for user {user} (command line)',
  resetUsed: 'password reset {reset}',
  sessionsRevoked: 'revoked {count}',
  signInUnknown: 'unknown or disabled account',
  signInUnknownBackingOff: 'unknown or disabled account; backing off',
  signInWrongPassword: 'wrong password',
  signInWrongPasswordBackingOff: 'wrong password; backing off',
  signInWrongCode: 'wrong two-step code',
  signInWrongCodeBackingOff: 'wrong two-step code; backing off',
  signInThrottled: 'throttled',
  taxonomyActivated: 'activate',
  smallestCountSet: 'k = {k}',
  statisticsImported: '{kind}: {lines} lines',
  statisticsAggregate: 'protected aggregate for statistics',
  recognitionQueue: 'queue ({count})',
  reopened: 'reopened',
  appealed: 'appealed',
  withdrawn: 'withdrawn',
  completed: 'completed',
  referredTo: 'to {organisation}',
  passportShared: 'shared link {share}',
  issuerListImported: 'issuer list signed by {source}',
} as const;

export type AuditReasonCode = keyof typeof AUDIT_REASONS;

type Names<T extends string> = T extends `${string}{${infer N}}${infer Rest}` ? N | Names<Rest> : never;
/** The values a reason's template names (none for a plain code). */
export type AuditReasonValues<C extends AuditReasonCode> = Record<Names<(typeof AUDIT_REASONS)[C]>, string | number>;

/** The stored text of a reason. A value with a space would not read back, so it is refused. */
export function auditReason<C extends AuditReasonCode>(
  code: C,
  ...values: Names<(typeof AUDIT_REASONS)[C]> extends never ? [] : [AuditReasonValues<C>]
): string {
  const given = (values[0] ?? {}) as Record<string, string | number>;
  return AUDIT_REASONS[code].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = String(given[name]);
    if (!v || /\s/.test(v)) throw new Error(`audit reason ${code}: ${name} must be one word, got "${v}"`);
    return v;
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = (Object.entries(AUDIT_REASONS) as [AuditReasonCode, string][]).map(([code, template]) => {
  const names: string[] = [];
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]!);
      return '(\\S+)';
    })
    .join('');
  return { code, names, re: new RegExp(`^${source}$`) };
});

/** A stored reason read back into its code and values; null for text no template makes (a note, an older form). */
export function readAuditReason(text: string): { code: AuditReasonCode; values: Record<string, string> } | null {
  for (const p of patterns) {
    const m = p.re.exec(text);
    if (m) return { code: p.code, values: Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]!])) };
  }
  return null;
}
