// `corridor passport verify FILE`: offline verification. Nothing is fetched: contexts are bundled, did:key resolves
// from itself, trust comes from a signed issuer list file (--trust) or this instance's store (--local), and
// revocation from a status list file saved earlier (--status-list), whose age the answer states.
// Exit 0: valid; 1: not valid (the report says why); 2: not a credential / bad files.
import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { DomainError } from '../../kernel/errors.js';
import type { CommandLineRuntime } from '../../kernel/runtime.js';
import { issuersIn } from './commands.js';
import type { Credential } from './credential.js';
import { loadTrust, ownOriginals, ownStatusLists } from './store.js';
import {
  MAX_CREDENTIAL_BYTES,
  describeAge,
  parseCredential,
  trustListOf,
  verifyCredential,
  type CachedStatusList,
  type TrustedKey,
  type VerificationReport,
} from './verify.js';

export class PassportCliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

function readJsonFile(path: string, what: string): string {
  try {
    if (statSync(path).size > MAX_CREDENTIAL_BYTES) throw new PassportCliError(`${path}: too large for a ${what}`);
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof PassportCliError) throw err;
    throw new PassportCliError(`${path}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Trusted keys from a signed issuer list file: the list must verify against its own keys (as on import). */
export async function trustFromListFile(path: string): Promise<TrustedKey[]> {
  const list = parseCredential(readJsonFile(path, 'issuer list'));
  const entries = issuersIn(list).map((e) => ({ ...e, source: path, organisationId: `${path}|${e.name}` }));
  const report = await verifyCredential(list, { trust: trustListOf(entries) });
  if (report.checks.signature.state !== 'ok') {
    throw new PassportCliError(
      `${path}: the issuer list's signature does not hold (${report.checks.signature.message})`,
    );
  }
  return entries;
}

export function formatReport(report: VerificationReport): string {
  const mark = (s: string) => (s === 'ok' ? 'ok  ' : s === 'failed' ? 'FAIL' : '??  ');
  const { signature, issuer, validity, status } = report.checks;
  return [
    report.valid ? 'VALID' : 'NOT VALID',
    `  credential ${report.credentialId ?? '(no id)'}`,
    `  ${mark(signature.state)} signature  ${signature.message}`,
    `  ${mark(issuer.state)} issuer     ${issuer.message}`,
    `  ${mark(validity.state)} dates      ${validity.message}`,
    `  ${mark(status.state)} revocation ${status.message}`,
    ...(report.altered.length ? [`  altered: ${report.altered.join(', ')}`] : []),
  ].join('\n');
}

export interface VerifyFileOptions {
  trust?: string[];
  statusList?: string[];
  local?: boolean;
  json?: boolean;
  now?: Date;
}

export async function verifyFile(
  file: string,
  options: VerifyFileOptions,
  runtime?: CommandLineRuntime,
): Promise<{ report: VerificationReport; text: string }> {
  const credential = parseCredential(readJsonFile(file, 'credential'));
  const keys: TrustedKey[] = [];
  for (const path of options.trust ?? []) keys.push(...(await trustFromListFile(path)));
  const lists = new Map<string, CachedStatusList>();
  for (const path of options.statusList ?? []) {
    const list = parseCredential(readJsonFile(path, 'status list')) as Credential;
    // The list's own date says how old this copy is: it was published then.
    const published = typeof list.validFrom === 'string' ? new Date(list.validFrom) : statSync(path).mtime;
    lists.set(String(list.id), { credential: list, fetchedAt: published });
  }
  const open = options.local && runtime ? await runtime.open() : null;
  try {
    const local = open ? await loadTrust(open.store.db) : null;
    const trust = trustListOf([...keys, ...(local?.keys ?? [])]);
    const ownLists = open ? ownStatusLists(open.store.db, open.kernel.deps.cipher, open.config) : null;
    const report = await verifyCredential(credential, {
      trust,
      ...(options.now ? { now: options.now } : {}),
      statusList: async (url) => lists.get(url) ?? (ownLists ? await ownLists(url) : null),
      ...(open ? { original: ownOriginals(open.store.db, open.kernel.deps.cipher) } : {}),
    });
    const age = report.statusListAgeSeconds;
    const text = options.json
      ? JSON.stringify(report, null, 2)
      : `${formatReport(report)}${age !== null ? `\n  status list copy is ${describeAge(age)} old` : ''}`;
    return { report, text };
  } finally {
    await open?.close();
  }
}

export function registerPassportCommands(program: Command, runtime: CommandLineRuntime): void {
  const passport = program.command('passport').description('Skills passports (W3C Verifiable Credentials)');
  passport
    .command('verify <file>')
    .description('Verify a passport offline: signature, issuer trust, dates, revocation (exit 1 when not valid)')
    .option('--trust <issuer-list.json...>', 'signed issuer lists whose issuers to trust')
    .option('--status-list <status-list.json...>', 'saved status list credentials (their age is reported)')
    .option('--local', "also trust this instance's issuers and use its status lists (opens the configured store)")
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: VerifyFileOptions) => {
      try {
        const { report, text } = await verifyFile(file, opts, runtime);
        process.stdout.write(`${text}\n`);
        if (!report.valid) process.exitCode = 1;
      } catch (err) {
        if (err instanceof DomainError) {
          throw new PassportCliError(`${file}: ${err.path ? `${err.path}: ` : ''}${err.message}`);
        }
        throw err;
      }
    });
}
