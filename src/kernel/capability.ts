// What a capability can plug into the server besides routes: named services other capabilities use without
// importing each other's internals, personal-data contributors (export/erasure), and tasks run by `corridor serve`.
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/schema.js';
import type { Store } from '../db/database.js';
import type { Config } from '../shared/config.js';
import type { FieldCipher } from '../shared/crypto.js';
import type { Change, ChangeFeed } from './changes.js';
import { unavailable } from './errors.js';

/**
 * Services by name. A capability adds its own by declaration merging in its module:
 *   declare module '../kernel/capability.js' { interface ServiceMap { taxonomy: TaxonomyEngine } }
 * and provides it in its setup with `registry.provide('taxonomy', engine)`.
 */
export interface ServiceMap {
  /** Resolves migrants to their organisation / user account (identity gives a default; profiles may replace it). */
  migrants: MigrantDirectory;
  /** Every registered personal-data contributor and erasure participant (provided by the server itself). */
  personalData: {
    contributors: readonly PersonalDataContributor[];
    participants?: readonly ErasureParticipant[];
  };
}

export interface MigrantDirectory {
  /** The migrant record a signed-in user (role migrant) is, or null. */
  migrantIdForUser(db: Kysely<Database>, userId: string): Promise<string | null>;
  /** The user account of a migrant record, or null (many migrants have none). */
  userIdForMigrant(db: Kysely<Database>, migrantId: string): Promise<string | null>;
  /** The organisation holding the migrant's record, or null when there is no such migrant. */
  organisationOf(db: Kysely<Database>, migrantId: string): Promise<string | null>;
  /** Gives a migrant account its migrant record (on invitation acceptance; the authz matrix uses it too). */
  ensureMigrantForUser(
    db: Kysely<Database>,
    user: { id: string; name: string; organisationId: string },
  ): Promise<string>;
}

export interface Services {
  /** The service, or a 503 `service_unavailable` error when no capability provides it. */
  get<K extends keyof ServiceMap>(name: K): ServiceMap[K];
  has(name: keyof ServiceMap): boolean;
}

/** Whose data: the migrant record (null for staff accounts) and, when they have an account, their user id. */
export interface DataSubject {
  migrantId: string | null;
  userId: string | null;
  organisationId: string | null;
}

export interface PersonalDataContext {
  db: Kysely<Database>;
  /** Says which entity the erasure changed (one change-log entry each, written with the erasure). */
  changed(change: Change): void;
  subject: DataSubject;
  cipher: FieldCipher;
  services: Services;
  /** Export only: true when the person exports their own data (an organisation's export omits account security data). */
  self?: boolean;
}

export interface PersonalDataContributor {
  /** Section name in the export, e.g. 'profile'. */
  name: string;
  /** Everything this capability holds about the subject, decrypted, as plain JSON. */
  exportPersonalData(ctx: PersonalDataContext): Promise<unknown>;
  /**
   * Removes or anonymises the subject's personal data; rows needed for anonymised statistics stay, stripped of
   * identifiers. Runs inside one transaction with every other contributor.
   */
  erasePersonalData(ctx: PersonalDataContext): Promise<{ erased: number }>;
  /** Tables it deletes from or rewrites: compacted after an erasure so no old row version keeps the data. */
  tables?: readonly string[];
  /** Encrypted fields its export decrypts (named in the export's audit entry). */
  sensitiveFields?: readonly string[];
}

/**
 * What a capability deletes for a person on erasure, without an export section (the hook for capabilities that
 * keep derived rows about a person). Runs in the erasure's one transaction, before the contributors.
 */
export interface ErasureParticipant {
  name: string;
  /** Tables it deletes from or rewrites (compacted after the erasure on the embedded store). */
  tables: readonly string[];
  erase(ctx: PersonalDataContext): Promise<{ erased: number }>;
}

export interface ServeContext {
  store: Store;
  config: Config;
  services: Services;
  log: FastifyBaseLogger;
}

/** What a capability's setup may hold on to: the store it serves, the configuration, this process's change feed. */
export interface CapabilityEnv {
  db: Kysely<Database>;
  config: Config;
  feed: ChangeFeed;
}

export interface CapabilityRegistry {
  readonly env: CapabilityEnv;
  provide<K extends keyof ServiceMap>(name: K, service: ServiceMap[K]): void;
  /** Released when the server (or CLI run) closes, in reverse order: followers stop, timers clear. */
  onClose(task: () => Promise<void> | void): void;
  personalData(contributor: PersonalDataContributor): void;
  /** Registers what to delete for a person on erasure (see ErasureParticipant). */
  onErase(participant: ErasureParticipant): void;
  /** Work done by `corridor serve` before listening (e.g. loading the taxonomy); not run by tests. */
  onServe(name: string, task: (ctx: ServeContext) => Promise<void>): void;
}

export interface Capability {
  name: string;
  setup(registry: CapabilityRegistry): void | Promise<void>;
}

export function defineCapability(capability: Capability): Capability {
  return capability;
}

/** The collected registrations of every capability. */
export class CapabilitySet implements CapabilityRegistry {
  private readonly services = new Map<string, unknown>();
  private readonly closers: (() => Promise<void> | void)[] = [];

  constructor(readonly env: CapabilityEnv) {}

  onClose(task: () => Promise<void> | void): void {
    this.closers.push(task);
  }

  async close(): Promise<void> {
    for (const task of this.closers.splice(0).reverse()) await task();
  }

  readonly contributors: PersonalDataContributor[] = [];
  readonly participants: ErasureParticipant[] = [];
  readonly serveTasks: { name: string; task: (ctx: ServeContext) => Promise<void> }[] = [];

  provide<K extends keyof ServiceMap>(name: K, service: ServiceMap[K]): void {
    // Later providers replace earlier ones (e.g. profiles replaces identity's default migrant directory).
    this.services.set(name, service);
  }
  personalData(contributor: PersonalDataContributor): void {
    if (this.contributors.some((c) => c.name === contributor.name)) {
      throw new Error(`personal-data contributor "${contributor.name}" registered twice`);
    }
    this.contributors.push(contributor);
  }
  onErase(participant: ErasureParticipant): void {
    if (this.participants.some((p) => p.name === participant.name)) {
      throw new Error(`erasure participant "${participant.name}" registered twice`);
    }
    this.participants.push(participant);
  }
  onServe(name: string, task: (ctx: ServeContext) => Promise<void>): void {
    this.serveTasks.push({ name, task });
  }
  view(): Services {
    const services = this.services;
    return {
      get<K extends keyof ServiceMap>(name: K): ServiceMap[K] {
        if (!services.has(name)) throw unavailable(`Service "${name}" is not available`, 'service_unavailable');
        return services.get(name) as ServiceMap[K];
      },
      has: (name) => services.has(name),
    };
  }
}
