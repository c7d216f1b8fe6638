// Reads the official ESCO CSV download (zip files or folders, any version, any language) into an EscoSnapshot.
// The first source holding occupations and skills defines the concepts; later sources (other languages, other
// releases' label files) only add labels to concepts with the same URI.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import type {
  ConceptLabels,
  EscoSnapshot,
  IscoGroup,
  Occupation,
  OccupationSkillRelation,
  ReuseLevel,
  Skill,
  SkillCollection,
  SkillGroup,
  SkillSkillRelation,
  SkillType,
} from '../model.js';

/** A rejected import: which file, which line, and why. */
export class EscoImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
    this.name = 'EscoImportError';
  }
}

export interface ReadProgress {
  (stage: string, done: number, total: number): void;
}

export interface ReadOptions {
  /** Taxonomy version; inferred from the source names (e.g. "esco-1.1.1-…") when absent. */
  version?: string;
  onProgress?: ReadProgress;
  /** Share of a relation file's rows that may point at concepts absent from the release (ESCO's own data has a few). */
  maxDanglingShare?: number;
}

export interface ReadResult {
  snapshot: EscoSnapshot;
  /** Non-fatal findings, e.g. relations to concepts the release does not contain. */
  warnings: string[];
}

interface CsvFile {
  name: string; // e.g. "occupations_en.csv"
  source: string; // zip or folder it came from, for error messages
  text: () => string;
}

type Row = Record<string, string>;

const URI = {
  occupation: /^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/,
  skill: /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-zA-Z-]+$/,
  isco: /^http:\/\/data\.europa\.eu\/esco\/isco\/C\d{1,4}$/,
  skillGroup: /^http:\/\/data\.europa\.eu\/esco\/(skill\/[0-9a-zA-Z-]+|isced-f\/\d{2,4})$/,
  any: /^http:\/\/data\.europa\.eu\/esco\/(occupation|skill|isco|isced-f)\/[0-9A-Za-z-]+$/,
};

const COLLECTION_FILES: Record<string, SkillCollection> = {
  transversalSkillsCollection: 'transversal',
  digitalSkillsCollection: 'digital',
  digCompSkillsCollection: 'digcomp',
  greenSkillsCollection: 'green',
  languageSkillsCollection: 'language',
  researchSkillsCollection: 'research',
};

const SKILL_TYPES = new Set<SkillType>(['knowledge', 'skill/competence', '']);
const REUSE_LEVELS = new Set<ReuseLevel>(['transversal', 'cross-sector', 'sector-specific', 'occupation-specific', '']);

/** Lists the CSV files of one source: a .zip (nested folders allowed), a folder, or a single .csv file. */
export function listCsvFiles(source: string): CsvFile[] {
  const st = statSync(source, { throwIfNoEntry: false });
  if (!st) throw new EscoImportError(source, undefined, 'no such file or folder');
  if (st.isDirectory()) {
    const out: CsvFile[] = [];
    for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = join(entry.parentPath, entry.name);
      if (entry.name.toLowerCase().endsWith('.csv')) {
        out.push({ name: entry.name, source: full, text: () => readFileSync(full, 'utf8') });
      } else if (entry.name.toLowerCase().endsWith('.zip')) {
        out.push(...listCsvFiles(full));
      }
    }
    return out;
  }
  if (source.toLowerCase().endsWith('.csv')) {
    return [{ name: basename(source), source, text: () => readFileSync(source, 'utf8') }];
  }
  if (source.toLowerCase().endsWith('.zip')) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(readFileSync(source), { filter: (f) => f.name.toLowerCase().endsWith('.csv') });
    } catch (err) {
      throw new EscoImportError(source, undefined, `not a readable zip file (${(err as Error).message})`);
    }
    const decoder = new TextDecoder('utf-8');
    return Object.entries(entries).map(([name, bytes]) => ({
      name: basename(name),
      source: `${source}!${name}`,
      text: () => decoder.decode(bytes),
    }));
  }
  throw new EscoImportError(source, undefined, 'expected an ESCO CSV .zip, a folder of CSV files, or a .csv file');
}

/** "occupations_en.csv" → { kind: "occupations", lang: "en" }; relation files usually carry no language. */
export function classifyFile(name: string): { kind: string; lang?: string } {
  const m = /^([A-Za-z]+?)(?:_([a-z]{2}(?:-[A-Za-z]+)?))?\.csv$/i.exec(name);
  if (!m) return { kind: name };
  return { kind: m[1]!, lang: m[2] };
}

function parseCsv(file: CsvFile, required: string[]): { row: Row; line: number }[] {
  let records: { record: Row; info: { lines: number } }[];
  try {
    records = parse(file.text(), {
      columns: true,
      info: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as { record: Row; info: { lines: number } }[];
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new EscoImportError(
      file.source,
      e.lines,
      `malformed CSV: ${e.message.replace(/^Invalid Record Length: /, '')}`,
    );
  }
  if (records.length === 0) throw new EscoImportError(file.source, undefined, 'file has no rows');
  const columns = Object.keys(records[0]!.record);
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length) throw new EscoImportError(file.source, 1, `missing column(s): ${missing.join(', ')}`);
  return records.map((r) => ({ row: r.record, line: r.info.lines }));
}

function splitLabels(value: string | undefined): string[] {
  if (!value) return [];
  // Classification files separate labels by newlines; collection files by " | ".
  return value
    .split(/\r?\n|\s\|\s/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function labelsOf(row: Row): ConceptLabels {
  const labels: ConceptLabels = {
    preferred: (row.preferredLabel ?? '').trim(),
    alt: splitLabels(row.altLabels),
    hidden: splitLabels(row.hiddenLabels),
  };
  const description = (row.description ?? row.definition ?? '').trim();
  if (description) labels.description = description;
  return labels;
}

function checkUri(file: CsvFile, line: number, column: string, value: string | undefined, pattern: RegExp): string {
  const v = (value ?? '').trim();
  if (!pattern.test(v)) throw new EscoImportError(file.source, line, `bad URI in ${column}: "${v.slice(0, 120)}"`);
  return v;
}

function inferVersion(sources: string[]): string | undefined {
  for (const s of sources) {
    // "esco-1.1.1-…" (our names) or "ESCO dataset - v1.2.0 - classification - en - csv.zip" (the portal's).
    const m = /esco[-_ ]?v?(\d+\.\d+(?:\.\d+)?)/i.exec(basename(s)) ?? /\bv(\d+\.\d+(?:\.\d+)?)\b/i.exec(basename(s));
    if (m) return m[1];
  }
  return undefined;
}

export function readEscoSnapshot(sources: string[], options: ReadOptions = {}): ReadResult {
  const progress = options.onProgress ?? (() => {});
  const maxDangling = options.maxDanglingShare ?? 0.01;
  const warnings: string[] = [];
  const version = options.version ?? inferVersion(sources);
  if (!version) {
    throw new EscoImportError(
      sources.join(', '),
      undefined,
      'cannot tell the ESCO version from the file names; give it with --version',
    );
  }

  const perSource = sources.map((s) => listCsvFiles(s));
  const baseIndex = perSource.findIndex(
    (files) =>
      files.some((f) => classifyFile(f.name).kind === 'occupations') &&
      files.some((f) => classifyFile(f.name).kind === 'skills'),
  );
  if (baseIndex < 0) {
    throw new EscoImportError(sources.join(', '), undefined, 'no occupations_<lang>.csv and skills_<lang>.csv found');
  }

  const occupations = new Map<string, Occupation>();
  const skills = new Map<string, Skill>();
  const iscoGroups = new Map<string, IscoGroup>();
  const skillGroups = new Map<string, SkillGroup>();
  const languages = new Set<string>();
  const allFiles = perSource.flat();
  const total = allFiles.length;
  let done = 0;
  const step = (stage: string) => progress(stage, ++done, total);

  // Pass 1: concepts from the base source, in its languages.
  const base = perSource[baseIndex]!;
  const byKind = (files: CsvFile[], kind: string) => files.filter((f) => classifyFile(f.name).kind === kind);
  for (const f of byKind(base, 'ISCOGroups')) {
    const lang = classifyFile(f.name).lang ?? 'en';
    for (const { row, line } of parseCsv(f, ['conceptUri', 'code', 'preferredLabel'])) {
      const uri = checkUri(f, line, 'conceptUri', row.conceptUri, URI.isco);
      iscoGroups.set(uri, { uri, code: (row.code ?? '').trim(), labels: { [lang]: labelsOf(row) } });
    }
    languages.add(lang);
    step('ISCO groups');
  }
  for (const f of byKind(base, 'occupations')) {
    const lang = classifyFile(f.name).lang ?? 'en';
    for (const { row, line } of parseCsv(f, ['conceptUri', 'iscoGroup', 'preferredLabel', 'altLabels'])) {
      const uri = checkUri(f, line, 'conceptUri', row.conceptUri, URI.occupation);
      const isco = (row.iscoGroup ?? '').trim();
      if (!/^\d{4}$/.test(isco)) throw new EscoImportError(f.source, line, `bad iscoGroup "${isco}"`);
      if (!row.preferredLabel?.trim()) throw new EscoImportError(f.source, line, 'empty preferredLabel');
      const existing = occupations.get(uri);
      if (existing) existing.labels[lang] = labelsOf(row);
      else
        occupations.set(uri, {
          uri,
          isco,
          code: (row.code ?? '').trim() || isco,
          labels: { [lang]: labelsOf(row) },
          broader: [],
        });
    }
    languages.add(lang);
    step('occupations');
  }
  for (const f of byKind(base, 'skills')) {
    const lang = classifyFile(f.name).lang ?? 'en';
    for (const { row, line } of parseCsv(f, ['conceptUri', 'skillType', 'reuseLevel', 'preferredLabel', 'altLabels'])) {
      const uri = checkUri(f, line, 'conceptUri', row.conceptUri, URI.skill);
      const skillType = (row.skillType ?? '').trim() as SkillType;
      const reuseLevel = (row.reuseLevel ?? '').trim() as ReuseLevel;
      if (!SKILL_TYPES.has(skillType)) throw new EscoImportError(f.source, line, `bad skillType "${skillType}"`);
      if (!REUSE_LEVELS.has(reuseLevel)) throw new EscoImportError(f.source, line, `bad reuseLevel "${reuseLevel}"`);
      if (!row.preferredLabel?.trim()) throw new EscoImportError(f.source, line, 'empty preferredLabel');
      const existing = skills.get(uri);
      if (existing) existing.labels[lang] = labelsOf(row);
      else
        skills.set(uri, {
          uri,
          skillType,
          reuseLevel,
          labels: { [lang]: labelsOf(row) },
          broader: [],
          collections: [],
        });
    }
    languages.add(lang);
    step('skills');
  }
  for (const f of byKind(base, 'skillGroups')) {
    const lang = classifyFile(f.name).lang ?? 'en';
    for (const { row, line } of parseCsv(f, ['conceptUri', 'preferredLabel'])) {
      const uri = checkUri(f, line, 'conceptUri', row.conceptUri, URI.skillGroup);
      const existing = skillGroups.get(uri);
      if (existing) existing.labels[lang] = labelsOf(row);
      else skillGroups.set(uri, { uri, code: (row.code ?? '').trim(), labels: { [lang]: labelsOf(row) }, broader: [] });
    }
    step('skill groups');
  }

  // Pass 2: collections (membership only) from the base source.
  for (const [kind, collection] of Object.entries(COLLECTION_FILES)) {
    for (const f of byKind(base, kind)) {
      for (const { row, line } of parseCsv(f, ['conceptUri'])) {
        const uri = checkUri(f, line, 'conceptUri', row.conceptUri, URI.skill);
        const skill = skills.get(uri);
        if (skill && !skill.collections.includes(collection)) skill.collections.push(collection);
      }
      step('collections');
    }
  }

  // Pass 3: labels from the other sources, for concepts this release has.
  perSource.forEach((files, i) => {
    if (i === baseIndex) return;
    const targets: Record<string, Map<string, { labels: Record<string, ConceptLabels> }>> = {
      occupations,
      skills,
      ISCOGroups: iscoGroups,
      skillGroups,
    };
    for (const f of files) {
      const { kind, lang } = classifyFile(f.name);
      const target = targets[kind];
      if (!target || !lang) continue;
      let unknown = 0;
      for (const { row, line } of parseCsv(f, ['conceptUri', 'preferredLabel'])) {
        const uri = checkUri(f, line, 'conceptUri', row.conceptUri, URI.any);
        const concept = target.get(uri);
        if (concept) concept.labels[lang] = labelsOf(row);
        else unknown++;
      }
      if (unknown) warnings.push(`${f.source}: ${unknown} label rows for concepts not in ESCO ${version} were skipped`);
      languages.add(lang);
      step(`labels (${lang})`);
    }
  });

  // Pass 4: relations, from whichever source holds them (first one wins per file kind).
  const findFirst = (kind: string) => allFiles.find((f) => classifyFile(f.name).kind === kind);
  const dangling = (f: CsvFile, count: number, rows: number) => {
    if (!count) return;
    if (count > Math.max(5, rows * maxDangling)) {
      throw new EscoImportError(
        f.source,
        undefined,
        `broken relations: ${count} of ${rows} rows point at unknown concepts`,
      );
    }
    warnings.push(`${f.source}: ${count} relations to concepts not in ESCO ${version} were skipped`);
  };

  const occupationSkills: OccupationSkillRelation[] = [];
  const osFile = findFirst('occupationSkillRelations');
  if (osFile) {
    const rows = parseCsv(osFile, ['occupationUri', 'relationType', 'skillUri']);
    let missing = 0;
    for (const { row, line } of rows) {
      const occupationUri = checkUri(osFile, line, 'occupationUri', row.occupationUri, URI.occupation);
      const skillUri = checkUri(osFile, line, 'skillUri', row.skillUri, URI.skill);
      const relation = (row.relationType ?? '').trim();
      if (relation !== 'essential' && relation !== 'optional') {
        throw new EscoImportError(osFile.source, line, `bad relationType "${relation}"`);
      }
      if (!occupations.has(occupationUri) || !skills.has(skillUri)) {
        missing++;
        continue;
      }
      occupationSkills.push({ occupationUri, skillUri, relation });
    }
    dangling(osFile, missing, rows.length);
    step('occupation–skill relations');
  } else {
    warnings.push('no occupationSkillRelations file: occupations will have no essential/optional skills');
  }

  const skillSkills: SkillSkillRelation[] = [];
  const ssFile = findFirst('skillSkillRelations');
  if (ssFile) {
    const rows = parseCsv(ssFile, ['originalSkillUri', 'relationType', 'relatedSkillUri']);
    let missing = 0;
    for (const { row, line } of rows) {
      const fromUri = checkUri(ssFile, line, 'originalSkillUri', row.originalSkillUri, URI.skill);
      const toUri = checkUri(ssFile, line, 'relatedSkillUri', row.relatedSkillUri, URI.skill);
      const relation = (row.relationType ?? '').trim();
      if (relation !== 'essential' && relation !== 'optional') {
        throw new EscoImportError(ssFile.source, line, `bad relationType "${relation}"`);
      }
      if (!skills.has(fromUri) || !skills.has(toUri)) {
        missing++;
        continue;
      }
      skillSkills.push({ fromUri, toUri, relation });
    }
    dangling(ssFile, missing, rows.length);
    step('skill–skill relations');
  }

  for (const kind of ['broaderRelationsOccPillar', 'broaderRelationsSkillPillar']) {
    const f = findFirst(kind);
    if (!f) continue;
    const rows = parseCsv(f, ['conceptUri', 'broaderUri']);
    let missing = 0;
    for (const { row, line } of rows) {
      const uri = checkUri(f, line, 'conceptUri', row.conceptUri, URI.any);
      const broaderUri = checkUri(f, line, 'broaderUri', row.broaderUri, URI.any);
      const concept = occupations.get(uri) ?? skills.get(uri) ?? skillGroups.get(uri);
      const broaderKnown =
        occupations.has(broaderUri) ||
        skills.has(broaderUri) ||
        skillGroups.has(broaderUri) ||
        iscoGroups.has(broaderUri);
      if (iscoGroups.has(uri)) continue; // the ISCO tree is implied by its codes
      if (!concept || !broaderKnown) {
        missing++;
        continue;
      }
      concept.broader.push(broaderUri);
    }
    dangling(f, missing, rows.length);
    step('broader relations');
  }

  const iscoCodes = new Set([...iscoGroups.values()].map((g) => g.code));
  for (const o of occupations.values()) {
    if (iscoCodes.size && !iscoCodes.has(o.isco)) {
      warnings.push(`occupation ${o.uri} refers to ISCO group ${o.isco}, which the release does not list`);
    }
  }

  return {
    snapshot: {
      version,
      languages: [...languages],
      occupations,
      skills,
      iscoGroups,
      skillGroups,
      occupationSkills,
      skillSkills,
    },
    warnings,
  };
}

/** The ESCO copy shipped in the repository (assets/esco): v1.1.1 English + v1.0 Spanish/French labels. */
export function shippedEscoSources(): string[] {
  const dir = new URL('../../../assets/esco/', import.meta.url).pathname;
  return [
    join(dir, 'esco-1.1.1-classification-en-csv.zip'),
    join(dir, 'esco-1.1.1-relations-csv.zip'),
    join(dir, 'esco-1.0-labels-es-fr-csv.zip'),
  ];
}
