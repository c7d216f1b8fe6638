// Qualification frameworks imported from CSV (format in docs/RECOGNITION.md): one line per level. A file is checked
// whole before anything is written; every bad line is reported (`line 4: eqf_level "9" is not an EQF level 1–8`),
// and a file with any error writes nothing.
import { parse } from 'csv-parse/sync';
import { invalid } from '../kernel/errors.js';
import { FRAMEWORK_KINDS, type Framework } from './model.js';

export const FRAMEWORK_COLUMNS = {
  required: ['framework', 'framework_name', 'kind', 'level', 'title', 'descriptor'],
  optional: ['country', 'eqf_level', 'regional_framework', 'regional_level'],
};
const CODE = /^[A-Z][A-Z0-9-]{1,19}$/;
const LEVEL = /^[A-Za-z0-9][A-Za-z0-9 .+-]{0,19}$/;
const COUNTRY = /^[A-Z]{2}$/;
const MAX_LINES = 5_000;
const MAX_REPORTED = 50;

export type ParsedFramework = Omit<Framework, 'example'> & {
  /** Source line of each level, for errors found later (references to other frameworks). */
  lines: number[];
};

/** Throws one 400 (`invalid_lines`, path `csv`) listing the bad lines; returns the frameworks otherwise. */
export function parseFrameworkCsv(csv: string): ParsedFramework[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    records = parse(csv, {
      columns: (h: string[]) => (header = h.map((c) => c.trim().toLowerCase())),
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw invalid(
      `line ${e.lines ?? '?'}: not valid CSV (${e.message.replace(/^Invalid [^:]*: /, '')})`,
      'csv',
      'invalid_lines',
    );
  }
  const missing = FRAMEWORK_COLUMNS.required.filter((c) => !header.includes(c));
  if (missing.length) throw invalid(`line 1: missing column(s) ${missing.join(', ')}`, 'csv', 'invalid_lines');
  const known = new Set([...FRAMEWORK_COLUMNS.required, ...FRAMEWORK_COLUMNS.optional]);
  const unknown = header.filter((c) => !known.has(c));
  if (unknown.length) throw invalid(`line 1: unknown column(s) ${unknown.join(', ')}`, 'csv', 'invalid_lines');
  if (records.length === 0) throw invalid('line 2: the file has no levels', 'csv', 'invalid_lines');
  if (records.length > MAX_LINES) throw invalid(`at most ${MAX_LINES} lines per file`, 'csv', 'invalid_lines');

  const errors: string[] = [];
  const byCode = new Map<string, ParsedFramework>();
  for (const { record: r, info } of records) {
    const line = info.lines;
    const bad = (msg: string) => errors.push(`line ${line}: ${msg}`);
    const code = r.framework ?? '';
    const kind = r.kind ?? '';
    const country = r.country ?? '';
    const level = r.level ?? '';
    const eqf = r.eqf_level ?? '';
    const regionalFramework = r.regional_framework ?? '';
    const regionalLevel = r.regional_level ?? '';
    const before = errors.length;
    if (!CODE.test(code)) bad(`framework "${code}" is not a code (A–Z, 0–9, dashes, 2–20 characters)`);
    if (!(FRAMEWORK_KINDS as readonly string[]).includes(kind))
      bad(`kind "${kind}" is not one of ${FRAMEWORK_KINDS.join(', ')}`);
    if (kind === 'national' && !COUNTRY.test(country))
      bad(`country "${country}" is not an ISO country code (a national framework needs one)`);
    if (kind !== 'national' && country !== '') bad('country is only for national frameworks');
    if (!r.framework_name || r.framework_name.length > 200)
      bad('framework_name is empty or longer than 200 characters');
    if (!LEVEL.test(level)) bad(`level "${level}" is not a level name (letters, digits, up to 20 characters)`);
    if (!r.title || r.title.length > 200) bad('title is empty or longer than 200 characters');
    if (!r.descriptor || r.descriptor.length > 4000) bad('descriptor is empty or longer than 4000 characters');
    if (eqf !== '' && !/^[1-8]$/.test(eqf)) bad(`eqf_level "${eqf}" is not an EQF level 1–8`);
    if ((regionalFramework === '') !== (regionalLevel === ''))
      bad('give regional_framework and regional_level together, or neither');
    else if (regionalFramework !== '' && (!CODE.test(regionalFramework) || !LEVEL.test(regionalLevel)))
      bad(`regional level "${regionalFramework} ${regionalLevel}" is not a framework code and level`);
    else if (regionalFramework === code && code !== '') bad('a level cannot refer to its own framework');
    if (errors.length > before) continue;

    let f = byCode.get(code);
    if (!f) {
      f = { code, name: r.framework_name!, kind, country: country || null, levels: [], lines: [] };
      byCode.set(code, f);
    } else if (f.name !== r.framework_name || f.kind !== kind || (f.country ?? '') !== country) {
      bad(`framework ${code}: framework_name, kind and country must be the same on all its lines`);
      continue;
    }
    if (f.levels.some((l) => l.level === level)) {
      bad(`level "${level}" of ${code} appears twice`);
      continue;
    }
    f.levels.push({
      level,
      rank: f.levels.length + 1,
      title: r.title!,
      descriptor: r.descriptor!,
      eqfLevel: eqf === '' ? null : Number(eqf),
      regionalFramework: regionalFramework || null,
      regionalLevel: regionalLevel || null,
      example: false,
    });
    f.lines.push(line);
  }
  if (errors.length) throw lineErrors(errors);
  return [...byCode.values()];
}

export function lineErrors(errors: string[]) {
  const shown = errors.slice(0, MAX_REPORTED).join('; ');
  const more = errors.length > MAX_REPORTED ? ` (and ${errors.length - MAX_REPORTED} more)` : '';
  return invalid(`${errors.length} bad line(s), nothing imported: ${shown}${more}`, 'csv', 'invalid_lines');
}
