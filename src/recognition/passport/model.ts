// The passport's API contract (TypeBox). The credential itself is W3C VC 2.0 JSON (credential.ts).
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../../shared/typebox.js';

export const Disclosure = Type.Object(
  {
    name: Type.Boolean({ description: 'show the name (else a pseudonymous subject id only)' }),
    originCountry: Type.Boolean({ description: 'show the country of origin' }),
    birthYear: Type.Boolean({ description: 'show the birth year' }),
  },
  { additionalProperties: false },
);

export const PassportSummary = Type.Object({
  id: Uuid,
  migrantId: Type.String(),
  organisationId: Type.String(),
  derivedFrom: Type.Union([Type.String(), Type.Null()]),
  disclosure: Disclosure,
  issuer: Type.String({ description: 'issuer DID' }),
  issuedAt: Type.String(),
  validUntil: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  revokedReason: Type.Union([Type.String(), Type.Null()]),
  skillCount: Type.Integer(),
});
export type PassportSummary = Static<typeof PassportSummary>;

export const Share = Type.Object({
  id: Uuid,
  passportId: Uuid,
  createdAt: Type.String(),
  expiresAt: Type.String(),
  stoppedAt: Type.Union([Type.String(), Type.Null()]),
  /** Only in the answer that made it: the link is not stored, only its hash. */
  url: Type.Optional(Type.String()),
});
export type Share = Static<typeof Share>;

const CheckView = Type.Object({
  state: Type.Union([Type.Literal('ok'), Type.Literal('failed'), Type.Literal('unknown')]),
  code: Type.String(),
  message: Type.String(),
});

export const VerificationReport = Type.Object({
  valid: Type.Boolean(),
  credentialId: Type.Union([Type.String(), Type.Null()]),
  issuer: Type.Object({
    id: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]),
    trustedAs: Type.Union([Type.String(), Type.Null()]),
  }),
  proof: Type.Object({
    verificationMethod: Type.Union([Type.String(), Type.Null()]),
    cryptosuite: Type.Union([Type.String(), Type.Null()]),
    created: Type.Union([Type.String(), Type.Null()]),
  }),
  checks: Type.Object({ signature: CheckView, issuer: CheckView, validity: CheckView, status: CheckView }),
  altered: Type.Array(Type.String()),
  validFrom: Type.Union([Type.String(), Type.Null()]),
  validUntil: Type.Union([Type.String(), Type.Null()]),
  statusListAgeSeconds: Type.Union([Type.Integer(), Type.Null()]),
  labels: Type.Optional(
    Type.Object(
      {
        lang: Type.String({ description: 'language of the labels: the asked one when ESCO has it, else en' }),
        labels: Type.Record(Type.String(), Type.String()),
      },
      { description: 'with ?lang=: ESCO preferred labels of the occupations and skills the credential names' },
    ),
  ),
});

/** Any JSON object: the credential is checked by verify.ts (shape, contexts, proof type) with precise codes. */
export const CredentialJson = Type.Record(Type.String(), Type.Unknown(), {
  description: 'a W3C VC 2.0 credential (JSON-LD)',
});

export const TrustedIssuerView = Type.Object({
  did: Type.String(),
  verificationMethod: Type.String(),
  name: Type.String(),
  source: Type.String(),
});
