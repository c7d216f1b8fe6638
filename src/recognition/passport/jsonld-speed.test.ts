// Sharing term definitions between copies of jsonld.js's active context must not change a single canonical quad:
// every kind of document the passport signs or reads is canonicalised both ways and compared.
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { canonize } from 'rdf-canonize';
import { afterAll, describe, expect, it } from 'vitest';
import { didDocument, documentLoader } from './contexts.js';
import { buildPassport, generateKey, signCredential, type Credential } from './credential.js';
import { shareTermDefinitions } from './jsonld-speed.js';
import { publishStatusList } from './status.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Credential;

async function canonical(doc: object): Promise<string> {
  const dataset = await jsonld.toRDF(doc, { documentLoader: documentLoader(), safe: true });
  return canonize(dataset, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
}

describe('jsonld.js with shared term definitions', () => {
  afterAll(() => shareTermDefinitions(true));

  it('canonicalises passports, status lists, issuer lists and DID documents exactly as the deep copy does', async () => {
    const pair = await generateKey();
    const did = `did:key:${pair.publicKeyMultibase}`;
    const key = { ...pair, id: `${did}#${pair.publicKeyMultibase}`, controller: did };
    const passport = await signCredential(
      buildPassport(
        {
          name: 'أمينة ديالو',
          subjectId: 'urn:uuid:3f0c2a56-1f1e-4c1e-9d0f-8b7a6c5d4e3f',
          originCountry: 'SN',
          birthYear: 1992,
          occupations: [
            { uri: 'http://data.europa.eu/esco/occupation/1e2c3d4e-0000-4000-8000-000000000001', name: 'cook' },
          ],
          skills: [
            {
              uri: 'http://data.europa.eu/esco/skill/1e2c3d4e-0000-4000-8000-000000000002',
              name: 'prepare fish',
              evidenceLevel: 'assessed',
              method: 'practical test',
              assessedBy: 'Dakar Training Centre',
              assessedOn: '2026-11-02',
            },
          ],
          qualifications: [{ title: 'CAP Cuisine', awardingBody: 'Ministère', country: 'SN', year: 2012, eqfLevel: 3 }],
          languages: [{ lang: 'fr', native: false, listening: 'C1', reading: 'B2', speaking: 'C1', writing: 'B1' }],
        },
        { did, name: 'Lisbon Employment Service', url: 'https://corridor.test' },
        {
          id: '0d9f6a3e-5b1c-4f7e-9a2d-1c3b5e7f9a0b',
          validFrom: new Date('2026-11-03T00:00:00Z'),
          validUntil: new Date('2027-11-03T00:00:00Z'),
          status: { list: 'https://corridor.test/s', index: 7 },
        },
      ),
      key,
    );
    const list = await publishStatusList({ url: 'https://corridor.test/s', issuerDid: did, key, revoked: [1, 7] });
    const documents: object[] = [
      passport,
      list,
      fixture('foreign-passport.json'),
      fixture('foreign-status-list.json'),
      fixture('foreign-issuer-list.json'),
      didDocument(did, [key]),
    ];
    for (const doc of documents) {
      shareTermDefinitions(true);
      const shared = await canonical(doc);
      shareTermDefinitions(false);
      const deep = await canonical(doc);
      expect(shared.length).toBeGreaterThan(200);
      expect(shared).toBe(deep);
    }
  });
});
