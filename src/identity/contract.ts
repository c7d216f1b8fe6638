// Identity's API contract: the request and response schemas of its routes (sign-in, sessions, two-step sign-in,
// organisations, users, invitations, password resets, the audit log, consent, data rights), in one file. The
// server validates and serialises with them, the OpenAPI document is generated from them, and the web app imports
// their types (type-only), so the three cannot drift apart.
import { Type, type Static } from '@sinclair/typebox';
import '../shared/formats.js'; // country-code
import { CLOSED, StringEnum } from '../shared/typebox.js';
import { CONSENT_PURPOSES, ORGANISATION_TYPES, ROLES } from './model.js';
import { PASSWORD_MAX } from './password-policy.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX });
/** A one-time link's token (invitation, password reset). */
const LinkToken = Type.String({ minLength: 10, maxLength: 100 });

export const RoleName = StringEnum(ROLES);

// --- Sign-in and the signed-in user ---

export const UserView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleName,
  organisationId: Type.String(),
});
export type UserView = Static<typeof UserView>;

/** What a sign-in (login, invitation acceptance) answers; the session itself is the HTTP-only cookie. */
export const SessionView = Type.Object({ user: UserView, csrfToken: Type.String() });
export type SessionView = Static<typeof SessionView>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    password: Password,
    totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  },
  CLOSED,
);
export type LoginBody = Static<typeof LoginBody>;

export const MeView = Type.Object({
  user: Type.Composite([UserView, Type.Object({ email: Type.String() })]),
  /**
   * A migrant account's own migrant record (its profile id when profiles are served: for the consent, export and
   * profile routes, without another request), else null. Never another person's: staff get null.
   */
  migrantId: Type.Union([Type.String(), Type.Null()]),
  organisation: Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() }),
  csrfToken: Type.String(),
});
export type MeView = Static<typeof MeView>;

/** Re-authentication before a sensitive change: the current password. */
export const PasswordBody = Type.Object({ password: Password }, CLOSED);
export type PasswordBody = Static<typeof PasswordBody>;

export const TotpEnrolment = Type.Object({ secret: Type.String(), otpauthUrl: Type.String() });
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const TotpConfirmBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$' }), password: Password },
  CLOSED,
);
export type TotpConfirmBody = Static<typeof TotpConfirmBody>;

export const PasswordChangeBody = Type.Object({ currentPassword: Password, newPassword: Password }, CLOSED);
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const SessionRecord = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  current: Type.Boolean(),
});
export type SessionRecord = Static<typeof SessionRecord>;
export const SessionList = Type.Object({ sessions: Type.Array(SessionRecord) });

/** { sessionId }: that one of my sessions; {}: all but the current one. */
export const RevokeSessionsBody = Type.Object({ sessionId: Type.Optional(Id) }, CLOSED);
export type RevokeSessionsBody = Static<typeof RevokeSessionsBody>;
export const Revoked = Type.Object({ revoked: Type.Integer() });

// --- Organisations and their users ---

export const OrganisationView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: StringEnum(ORGANISATION_TYPES),
  licenceNumber: Nullable(Type.String()),
  country: Nullable(Type.String()),
});
export type OrganisationView = Static<typeof OrganisationView>;
export const OrganisationList = Type.Object({ organisations: Type.Array(OrganisationView) });

export const NewOrganisationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    type: StringEnum(ORGANISATION_TYPES),
    licenceNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', format: 'country-code' })),
  },
  CLOSED,
);
export type NewOrganisationBody = Static<typeof NewOrganisationBody>;

export const OrganisationParams = Type.Object({ organisationId: Id });
export const UserParams = Type.Object({ userId: Id });

export const UserSummaryView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: RoleName,
  organisationId: Type.String(),
  totpEnabled: Type.Boolean(),
  locked: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});
export type UserSummaryView = Static<typeof UserSummaryView>;
export const UserList = Type.Object({ users: Type.Array(UserSummaryView) });

export const DisableBody = Type.Object({ disabled: Type.Boolean() }, CLOSED);

export const PasswordResetIssued = Type.Object({
  token: Type.String(),
  resetUrl: Type.String(),
  expiresAt: Type.String(),
  /** Whether the link was also sent by e-mail (an SMTP server is configured and accepted it). */
  emailed: Type.Boolean(),
});
export type PasswordResetIssued = Static<typeof PasswordResetIssued>;

export const PasswordResetBody = Type.Object({ token: LinkToken, password: Password }, CLOSED);
export type PasswordResetBody = Static<typeof PasswordResetBody>;

// --- Invitations ---

export const InvitationView = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleName,
  expiresAt: Type.String(),
  acceptedAt: Nullable(Type.String()),
});
export type InvitationView = Static<typeof InvitationView>;
export const InvitationList = Type.Object({ invitations: Type.Array(InvitationView) });
export const InvitationParams = Type.Object({ organisationId: Id, invitationId: Id });

export const InvitationBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleName,
  },
  CLOSED,
);
export type InvitationBody = Static<typeof InvitationBody>;

export const InvitationSent = Type.Object({
  invitation: InvitationView,
  token: Type.String(),
  acceptUrl: Type.String(),
  /** Whether the link was also sent by e-mail (an SMTP server is configured and accepted it). */
  emailed: Type.Boolean(),
});
export type InvitationSent = Static<typeof InvitationSent>;

export const AcceptInvitationBody = Type.Object(
  { token: LinkToken, password: Password, name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  CLOSED,
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;

// --- The audit log ---

export const AuditQuery = Type.Object({
  organisationId: Type.Optional(Id),
  entity: Type.Optional(Type.String({ maxLength: 64 })),
  entityId: Type.Optional(Type.String({ maxLength: 128 })),
  actorUserId: Type.Optional(Id),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntryView = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  organisationId: Nullable(Type.String()),
  actorUserId: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  fields: Type.Union([Type.Array(Type.String()), Type.Null()]),
  reason: Nullable(Type.String()),
  /** The people a list read showed (ids only); entityId is then null. */
  subjectIds: Type.Union([Type.Array(Type.String()), Type.Null()]),
  requestId: Nullable(Type.String()),
});
export type AuditEntryView = Static<typeof AuditEntryView>;
export const AuditPage = Type.Object({ entries: Type.Array(AuditEntryView) });

// --- Consent ---

export const MigrantParams = Type.Object({ migrantId: Id });
export const ConsentParams = Type.Object({ migrantId: Id, consentId: Id });

export const ConsentInput = Type.Object(
  {
    purpose: StringEnum(CONSENT_PURPOSES),
    /** share_with_organisation: the organisation the person agrees to share with. */
    organisationId: Type.Optional(Id),
    /** What employers (or the named organisation) may see; omitted = the default candidate fields. */
    fieldScopes: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z][a-zA-Z0-9_.]{0,63}$' }), { maxItems: 50 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  CLOSED,
);
export type ConsentInput = Static<typeof ConsentInput>;

export const ConsentView = Type.Object({
  id: Type.String(),
  migrantId: Type.String(),
  organisationId: Type.String(),
  purpose: StringEnum(CONSENT_PURPOSES),
  targetOrganisationId: Nullable(Type.String()),
  fieldScopes: Type.Union([Type.Array(Type.String()), Type.Null()]),
  note: Nullable(Type.String()),
  givenAt: Type.String(),
  recordedBy: Type.String(),
  withdrawnAt: Nullable(Type.String()),
  withdrawnBy: Nullable(Type.String()),
});
export type ConsentView = Static<typeof ConsentView>;
export const ConsentList = Type.Object({ consents: Type.Array(ConsentView) });

// --- Data rights ---

export const ExportView = Type.Object({
  exportedAt: Type.String(),
  subject: Type.Object({
    migrantId: Nullable(Type.String()),
    userId: Nullable(Type.String()),
    organisationId: Nullable(Type.String()),
  }),
  // Each capability's section is its own JSON; no schema, so nothing is silently dropped from an export.
  sections: Type.Record(Type.String(), Type.Unknown()),
});
export type ExportView = Static<typeof ExportView>;
export const ErasureView = Type.Object({ erased: Type.Record(Type.String(), Type.Integer()) });
export type ErasureView = Static<typeof ErasureView>;
export const EraseSelfBody = Type.Object({ confirm: Type.Literal(true) }, CLOSED);
export const EraseMigrantBody = Type.Object(
  { confirm: Type.Literal(true), reason: Type.String({ minLength: 3, maxLength: 500 }) },
  CLOSED,
);
