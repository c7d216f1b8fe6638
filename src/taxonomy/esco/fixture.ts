// A tiny ESCO download (same file names and columns as the official CSV), for tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const O = 'http://data.europa.eu/esco/occupation/';
const S = 'http://data.europa.eu/esco/skill/';
export const FIXTURE = {
  welder: `${O}11111111-1111-1111-1111-111111111111`,
  nurse: `${O}22222222-2222-2222-2222-222222222222`,
  weld: `${S}aaaaaaaa-0000-0000-0000-000000000001`,
  metal: `${S}aaaaaaaa-0000-0000-0000-000000000002`,
  care: `${S}aaaaaaaa-0000-0000-0000-000000000003`,
  teamwork: `${S}aaaaaaaa-0000-0000-0000-000000000004`,
};

export function escoFixtureFiles(): Record<string, string> {
  const f = FIXTURE;
  return {
    'ISCOGroups_en.csv': [
      'conceptType,conceptUri,code,preferredLabel,status,altLabels,inScheme,description',
      'ISCOGroup,http://data.europa.eu/esco/isco/C7212,7212,"Welders and flamecutters",released,,,',
      'ISCOGroup,http://data.europa.eu/esco/isco/C3221,3221,"Nursing associate professionals",released,,,',
    ].join('\n'),
    'occupations_en.csv': [
      'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code',
      `Occupation,${f.welder},7212,welder,"soldering operator\nwelding technician",,released,,,,,,"Welders join metal parts.",7212.1`,
      `Occupation,${f.nurse},3221,nurse assistant,"nursing aide",,released,,,,,,"Nurse assistants care for patients.",3221.1`,
    ].join('\n'),
    'skills_en.csv': [
      'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description',
      `KnowledgeSkillCompetence,${f.weld},skill/competence,sector-specific,use welding equipment,"operate welding equipment",,released,,,,,"Operate welding equipment safely."`,
      `KnowledgeSkillCompetence,${f.metal},knowledge,cross-sector,metal joining technologies,,,released,,,,,"Technologies used to join metal."`,
      `KnowledgeSkillCompetence,${f.care},skill/competence,sector-specific,provide basic patient care,"care for patients",,released,,,,,"Help patients with daily needs."`,
      `KnowledgeSkillCompetence,${f.teamwork},skill/competence,transversal,work in teams,"teamwork",,released,,,,,"Work with others."`,
    ].join('\n'),
    'transversalSkillsCollection_en.csv': [
      'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,status,altLabels,description,broaderConceptUri,broaderConceptPT',
      `KnowledgeSkillCompetence,${f.teamwork},skill/competence,transversal,work in teams,released,teamwork,Work with others.,,`,
    ].join('\n'),
    'occupationSkillRelations.csv': [
      'occupationUri,relationType,skillType,skillUri',
      `${f.welder},essential,skill/competence,${f.weld}`,
      `${f.welder},optional,knowledge,${f.metal}`,
      `${f.nurse},essential,skill/competence,${f.care}`,
      `${f.nurse},optional,skill/competence,${f.teamwork}`,
    ].join('\n'),
    'skillSkillRelations.csv': [
      'originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri',
      `${f.weld},skill/competence,optional,knowledge,${f.metal}`,
    ].join('\n'),
    'occupations_es.csv': [
      'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description',
      `Occupation,${f.welder},7212,soldador/soldadora,"soldadora\nsoldador",`,
    ].join('\n'),
  };
}

/** Writes the fixture (optionally with files replaced or removed) to a fresh folder named after an ESCO version. */
export function writeEscoFixture(overrides: Record<string, string | null> = {}, version = '9.9.9'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'corridor-esco-')), `esco-${version}-fixture`);
  mkdirSync(dir);
  const files = { ...escoFixtureFiles(), ...overrides };
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    writeFileSync(join(dir, name), content, { flag: 'w' });
  }
  return dir;
}
