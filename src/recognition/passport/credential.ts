// The skills passport as a W3C Verifiable Credential 2.0, shaped as an Open Badges 3.0 OpenBadgeCredential: the
// organisation is the issuer (a Profile), the person an AchievementSubject whose achievement is "Skills passport"
// aligned to the ESCO occupations and skills it lists; the details OB 3.0 has no words for (evidence level and
// method per skill, CEFR levels, EQF levels) use Corridor's bundled context. Signed with Data Integrity
// eddsa-rdfc-2022 (RDFC-1.0 canonicalisation, Ed25519) by the digitalbazaar libraries.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { PASSPORT_CONTEXT, documentLoader, type KnownKey } from './contexts.js';

/** What the passport says about a person; built from the profile (and recognition's records when merged). */
export interface PassportContent {
  /** Shown when the holder discloses their name; otherwise the subject is a pseudonymous id only. */
  name: string | null;
  /** A stable pseudonymous id (urn:uuid) for this person at this organisation. */
  subjectId: string;
  originCountry: string | null;
  birthYear: number | null;
  occupations: { uri: string; name: string | null }[];
  skills: {
    uri: string;
    name: string | null;
    evidenceLevel: string;
    method: string;
    assessedBy?: string | null;
    assessedOn?: string | null;
  }[];
  qualifications: {
    title: string;
    /** The title translated (recognised qualifications), beside the title as written. */
    titleTranslation?: string | null;
    awardingBody: string | null;
    country: string | null;
    year: number | null;
    eqfLevel: number | null;
    /** 'declared' = as recorded in the profile, its EQF level not assessed; otherwise an assessor's decision. */
    recognition?: 'recognised' | 'partially-recognised' | 'declared';
    recognisedOn?: string | null;
    comparableQualification?: string | null;
  }[];
  languages: {
    lang: string;
    native: boolean;
    listening: string | null;
    reading: string | null;
    speaking: string | null;
    writing: string | null;
  }[];
}

export interface IssuerIdentity {
  did: string;
  name: string;
  /** Where the organisation's passports are described (the instance's public URL). */
  url: string;
}

export interface StatusEntry {
  /** URL of the status list credential. */
  list: string;
  index: number;
}

export interface SigningKey extends KnownKey {
  secretKeyMultibase: string;
}

export type Credential = Record<string, unknown> & { proof?: Record<string, unknown> };

const xsdDate = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
const ESCO = 'ESCO';

/** The unsigned credential. Pure: the same content, issuer and dates give the same document. */
export function buildPassport(
  content: PassportContent,
  issuer: IssuerIdentity,
  options: { id: string; validFrom: Date; validUntil: Date; status: StatusEntry },
): Credential {
  // OB 3.0 alignments point the achievement at the ESCO occupations; skills are listed once, in `skills`, with
  // their ESCO URI as id (listing them twice would double what every verifier canonicalises).
  const alignment = content.occupations.map((o) => ({
    type: ['Alignment'],
    targetName: o.name ?? o.uri,
    targetUrl: o.uri,
    targetFramework: ESCO,
    targetType: 'CTDL',
  }));
  const subject: Record<string, unknown> = {
    id: content.subjectId,
    type: ['AchievementSubject'],
    ...(content.name === null ? { pseudonymous: true } : { name: content.name }),
    ...(content.originCountry ? { originCountry: content.originCountry } : {}),
    ...(content.birthYear ? { birthYear: content.birthYear } : {}),
    achievement: {
      id: `${issuer.url.replace(/\/$/, '')}/passport/achievement/v1`,
      type: ['Achievement'],
      name: 'Skills passport',
      description: 'Occupations, ESCO skills with how each was evidenced, qualifications and language levels',
      criteria: {
        narrative:
          'Skills are listed with their evidence level (self-declared, advisor-checked, assessed, certified) and ' +
          'the method that established it; qualifications with their EQF level; languages with CEFR levels.',
      },
      ...(alignment.length > 0 ? { alignment } : {}),
    },
    occupations: content.occupations.map((o) => o.uri),
    skills: content.skills.map((s) => ({
      skill: s.uri,
      ...(s.name ? { name: s.name } : {}),
      evidenceLevel: s.evidenceLevel,
      method: s.method,
      ...(s.assessedBy ? { assessedBy: s.assessedBy } : {}),
      ...(s.assessedOn ? { assessedOn: s.assessedOn } : {}),
    })),
    qualifications: content.qualifications.map((q) => ({
      name: q.title,
      ...(q.titleTranslation ? { translatedName: q.titleTranslation } : {}),
      ...(q.awardingBody ? { awardingBody: q.awardingBody } : {}),
      ...(q.country ? { awardingCountry: q.country } : {}),
      ...(q.year ? { awardYear: q.year } : {}),
      ...(q.eqfLevel ? { eqfLevel: q.eqfLevel } : {}),
      ...(q.recognition ? { recognition: q.recognition } : {}),
      ...(q.recognisedOn ? { recognisedOn: q.recognisedOn } : {}),
      ...(q.comparableQualification ? { comparableQualification: q.comparableQualification } : {}),
    })),
    languages: content.languages.map((l) => ({
      language: l.lang,
      ...(l.native ? { nativeLanguage: true } : {}),
      ...(l.listening ? { listening: l.listening } : {}),
      ...(l.reading ? { reading: l.reading } : {}),
      ...(l.speaking ? { speaking: l.speaking } : {}),
      ...(l.writing ? { writing: l.writing } : {}),
    })),
  };
  return {
    '@context': [...PASSPORT_CONTEXT],
    id: `urn:uuid:${options.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential', 'SkillsPassport'],
    name: 'Skills passport',
    issuer: { id: issuer.did, type: ['Profile'], name: issuer.name, url: issuer.url },
    validFrom: xsdDate(options.validFrom),
    validUntil: xsdDate(options.validUntil),
    credentialSubject: subject,
    credentialStatus: {
      id: `${options.status.list}#${options.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(options.status.index),
      statusListCredential: options.status.list,
    },
  };
}

/** A fresh Ed25519 key (multibase, as the Multikey spec writes them). */
export async function generateKey(): Promise<{ publicKeyMultibase: string; secretKeyMultibase: string }> {
  const key = await Ed25519Multikey.generate();
  return { publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: key.secretKeyMultibase! };
}

/** Signs with eddsa-rdfc-2022. `keysOf` resolves did:web keys (the signer's own DID) for the proof's checks. */
export async function signCredential(
  credential: Credential,
  key: SigningKey,
  keysOf: (did: string) => readonly KnownKey[] = () => [],
  created: Date = new Date(),
): Promise<Credential> {
  const signingKey = await Ed25519Multikey.from({
    '@context': 'https://w3id.org/security/multikey/v1',
    type: 'Multikey',
    id: key.id,
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: key.secretKeyMultibase,
  });
  const suite = new DataIntegrityProof({ signer: signingKey.signer(), cryptosuite, date: created });
  const own = (did: string) => (did === key.controller ? [key, ...keysOf(did)] : keysOf(did));
  return (await vc.issue({ credential, suite, documentLoader: documentLoader(own) })) as Credential;
}
