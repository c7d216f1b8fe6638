// Test fixtures for recognition: records made through the commands (so they leave the same audit and change
// entries as real writes). Production code never imports this file statically.
import { deflateSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { MatrixWorld } from '../kernel/route.js';
import { exampleProfile } from '../profiles/testing.js';
import {
  addQualification,
  assessCase,
  decideCase,
  referCase,
  requestRecognition,
  startRpl,
  uploadDocument,
} from './commands.js';

/** A real 1×1 PNG (signature, IHDR, IDAT, IEND with correct CRCs). */
export function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal one-page PDF. */
export function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

export const examplePngUpload = () => ({
  kind: 'diploma',
  fileName: 'diploma.png',
  mediaType: 'image/png',
  contentBase64: tinyPng().toString('base64'),
});

/** Organisation A's migrant (their profile, linked to A's migrant account). */
export const examplePerson = (world: MatrixWorld) => exampleProfile(world);

export async function exampleQualification(world: MatrixWorld): Promise<{ qualificationId: string; version: number }> {
  const migrantId = await examplePerson(world);
  const q = await world.kernel.execute(
    addQualification,
    { user: world.orgA.users.advisor },
    {
      migrantId,
      originalTitle: 'Diplôme de technicien spécialisé en électricité',
      titleTranslation: 'Specialised technician diploma in electricity',
      translationLang: 'en',
      awardingBody: 'OFPPT',
      country: 'MA',
      year: 2019,
      iscedField: '0713',
    },
  );
  return { qualificationId: q.id, version: q.version };
}

export async function exampleDocument(world: MatrixWorld): Promise<string> {
  const { qualificationId } = await exampleQualification(world);
  const d = await world.kernel.execute(uploadDocument, { user: world.orgA.users.advisor }, {
    qualificationId,
    ...examplePngUpload(),
  } as never);
  return d.id;
}

export async function exampleCase(world: MatrixWorld): Promise<string> {
  const { qualificationId } = await exampleQualification(world);
  await world.kernel.execute(uploadDocument, { user: world.orgA.users.advisor }, {
    qualificationId,
    ...examplePngUpload(),
  } as never);
  const c = await world.kernel.execute(requestRecognition, { user: world.orgA.users.advisor }, { qualificationId });
  return c.id;
}

/** A case of organisation A referred to organisation B, with the person's consent. */
export async function exampleReferredCase(world: MatrixWorld): Promise<string> {
  const caseId = await exampleCase(world);
  await world.kernel.execute(
    referCase,
    { user: world.orgA.users.advisor },
    { caseId, organisationId: world.orgB.id, consent: true },
  );
  return caseId;
}

export async function exampleAssessedCase(world: MatrixWorld): Promise<{ caseId: string; version: number }> {
  const caseId = await exampleCase(world);
  const c = await world.kernel.execute(
    assessCase,
    { user: world.orgA.users.assessor },
    { caseId, version: 1, documentsChecked: true, interview: [{ topic: 'Course content', note: 'Three years' }] },
  );
  return { caseId, version: c.version };
}

export async function exampleDecidedCase(
  world: MatrixWorld,
  outcome: 'recognised' | 'not_recognised',
): Promise<{ caseId: string; version: number }> {
  const { caseId, version } = await exampleAssessedCase(world);
  const c = await world.kernel.execute(
    decideCase,
    { user: world.orgA.users.assessor },
    outcome === 'recognised'
      ? { caseId, version, outcome, eqfLevel: 4 }
      : { caseId, version, outcome, reasons: ['documents_incomplete'] },
  );
  return { caseId, version: c.version };
}

/** An ESCO occupation with essential skills in the active taxonomy (the small test fixture when none is loaded). */
export async function exampleOccupation(world: { db: Kysely<Database> }): Promise<string> {
  const { ensureTaxonomy } = await import('../matching/testing.js');
  await ensureTaxonomy(world.db);
  const row = await world.db
    .selectFrom('taxonomy_occupation_skill')
    .select('occupation_uri')
    .where('relation', '=', 'essential')
    .orderBy('occupation_uri')
    .executeTakeFirstOrThrow();
  return row.occupation_uri;
}

export async function exampleRpl(
  world: MatrixWorld,
): Promise<{ assessmentId: string; version: number; skillUri: string }> {
  const migrantId = await examplePerson(world);
  const a = await world.kernel.execute(
    startRpl,
    { user: world.orgA.users.assessor },
    { migrantId, occupationUri: await exampleOccupation(world) },
  );
  return { assessmentId: a.id, version: a.version, skillUri: a.skills[0]!.skillUri };
}

/** A small framework file: a national framework referenced to a regional one, each level to EQF. */
export const EXAMPLE_FRAMEWORK_CSV = [
  'framework,framework_name,kind,country,level,title,descriptor,eqf_level,regional_framework,regional_level',
  'XQF,Example regional framework,regional,,1,Level 1,Basic skills,1,,',
  'XQF,Example regional framework,regional,,2,Level 2,Routine work,2,,',
  'MA-CNC,Cadre national des certifications (example),national,MA,5,Technicien spécialisé,Specialised technician,5,XQF,2',
].join('\n');
