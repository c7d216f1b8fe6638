// Contact requests: an employer asks to contact a candidate from a vacancy's shortlist; the person (or their advisor
// for them, recorded as such) accepts and chooses the contact details to give, or declines. The employer never sees
// the person's details before that, and sees only what was chosen after.
import { Type, type Static } from '@sinclair/typebox';
import { CONTRACT_TYPES } from '../../vacancies/domain.js';
import { DateString, OccupationUri } from '../../profiles/domain.js';
import { StringEnum, Uuid } from '../../shared/typebox.js';

export const CONTACT_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ContactRequestInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    vacancyId: Uuid,
    /** The candidate (the migrant id the shortlist gives). */
    migrantId: Uuid,
    /** A few words for the person: what the job is, why them. No contact details are asked for here. */
    message: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);
export type ContactRequestInput = Static<typeof ContactRequestInput>;

/** What the person gives the employer: at least a phone, an e-mail or a note on how to reach them. */
export const SharedContact = Type.Object(
  {
    name: Type.Optional(Text(200)),
    phone: Type.Optional(Text(40)),
    email: Type.Optional(Text(320)),
    note: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);
export type SharedContact = Static<typeof SharedContact>;

export const DecisionInput = Type.Object(
  {
    requestId: Uuid,
    accept: Type.Boolean(),
    /** Accepting: the details given to the employer. */
    contact: Type.Optional(SharedContact),
    /** Staff deciding for the person: they confirm the person said so (required then, recorded). */
    personAgreed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DecisionInput = Static<typeof DecisionInput>;

export const PlacementInput = Type.Object(
  {
    requestId: Uuid,
    /** The first working day (not in the future). */
    startDate: DateString,
    contractType: StringEnum(CONTRACT_TYPES),
    /** Defaults to the vacancy's occupation and the employer organisation's name. */
    occupationUri: Type.Optional(OccupationUri),
    employerName: Type.Optional(Text(200, 1)),
  },
  { additionalProperties: false },
);
export type PlacementInput = Static<typeof PlacementInput>;

/** A request as one of its parties sees it: the person's name and details only where they may. */
export const ContactRequestView = Type.Object({
  id: Type.String(),
  /** The reader's side of it: the employer who asked, the organisation holding the person, the person. */
  party: StringEnum(['employer', 'holder', 'migrant'] as const),
  status: StringEnum(CONTACT_STATUSES),
  vacancy: Type.Object({
    id: Type.String(),
    title: Type.String(),
    occupationUri: Type.String(),
    contractType: Type.String(),
    status: Type.String(),
  }),
  employer: Type.Object({ organisationId: Type.String(), name: Type.String() }),
  /** The person: their name for the holding organisation and themself; for the employer only if consented. */
  candidate: Type.Object({
    migrantId: Type.String(),
    /** The short reference the shortlist shows. */
    reference: Type.String(),
    name: Nullable(Type.String()),
    /** Employer's view: whether a consent for this employer is still in force. */
    visible: Type.Boolean(),
  }),
  message: Nullable(Type.String()),
  requestedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  /** Decided by their advisor for the person (who said so), rather than by the person in Corridor. */
  decidedOnBehalf: Type.Boolean(),
  /** After acceptance, to the employer and the holding organisation (and the person). */
  contact: Nullable(SharedContact),
  /** The placement recorded from this request (protection outcome id), if any. */
  placementId: Nullable(Type.String()),
  unread: Type.Boolean(),
});
export type ContactRequestView = Static<typeof ContactRequestView>;

export const Inbox = Type.Object({
  requests: Type.Array(ContactRequestView),
  unread: Type.Integer(),
});
export type Inbox = Static<typeof Inbox>;
