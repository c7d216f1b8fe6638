// Outside figures imported from CSV: national shortage-occupation lists (ISCO-08 codes) and labour-force-survey
// aggregates, shown beside Corridor's own figures. The format is in docs/LABOUR-MARKET.md. A file is checked whole
// before anything is written: every bad line is reported (`line 7: isco "9999" is not an ISCO-08 group`), and a
// file with any error writes nothing.
import { parse } from 'csv-parse/sync';
import { invalid } from '../kernel/errors.js';
import { AGE_GROUPS, ISCED_BANDS } from './statistics.js';

export const IMPORT_KINDS = ['shortage-list', 'labour-force-survey'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const COLUMNS: Record<ImportKind, { required: string[]; optional: string[] }> = {
  'shortage-list': { required: ['country', 'isco', 'period'], optional: ['region', 'title'] },
  'labour-force-survey': {
    required: ['country', 'indicator', 'period', 'value', 'unit'],
    optional: ['isco', 'sex', 'age_group', 'isced_band'],
  },
};

export const LFS_UNITS = ['persons', 'thousand-persons', 'percent'] as const;
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/;
const COUNTRY = /^[A-Z]{2}$/;
const REGION = /^[A-Z0-9-]{0,12}$/;
const INDICATOR = /^[a-z][a-z0-9-]{1,60}$/;
const MAX_LINES = 50_000;
/** At most this many line errors are listed; the count says how many there were. */
const MAX_REPORTED = 50;

export interface ShortageLine {
  line: number;
  country: string;
  region: string;
  isco: string;
  title: string | null;
  period: string;
}

export interface OutsideFigureLine {
  line: number;
  country: string;
  indicator: string;
  period: string;
  isco: string;
  sex: string;
  ageGroup: string;
  iscedBand: string;
  value: string;
  unit: string;
}

export type ParsedImport =
  { kind: 'shortage-list'; lines: ShortageLine[] } | { kind: 'labour-force-survey'; lines: OutsideFigureLine[] };

/**
 * Parses and checks a whole file. `isIsco` says whether a code is an ISCO-08 group of the loaded taxonomy. Throws one
 * 400 error (code `invalid_lines`, path `csv`) listing the bad lines; returns the lines otherwise.
 */
export function parseImport(kind: ImportKind, csv: string, isIsco: (code: string) => boolean): ParsedImport {
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
  const { required, optional } = COLUMNS[kind];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw invalid(
      `line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (a ${kind} file needs ${required.join(', ')})`,
      'csv',
      'missing_column',
    );
  }
  const unknown = header.filter((c) => !required.includes(c) && !optional.includes(c));
  if (unknown.length) {
    throw invalid(
      `line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (allowed: ${[...required, ...optional].join(', ')})`,
      'csv',
      'unknown_column',
    );
  }
  if (records.length === 0) throw invalid('the file has a header but no lines', 'csv', 'invalid_lines');
  if (records.length > MAX_LINES) throw invalid(`at most ${MAX_LINES} lines per file`, 'csv', 'too_large');

  const errors: string[] = [];
  const bad = (line: number, reason: string) => void errors.push(`line ${line}: ${reason}`);
  const field = (r: Record<string, string>, c: string) => (r[c] ?? '').trim();
  const checkIsco = (line: number, code: string, optionalCode: boolean): boolean => {
    if (code === '' && optionalCode) return true;
    if (!/^\d{1,4}$/.test(code)) return (bad(line, `isco "${code}" is not an ISCO-08 code (1 to 4 digits)`), false);
    if (!isIsco(code)) return (bad(line, `isco "${code}" is not an ISCO-08 group`), false);
    return true;
  };
  const checkCommon = (line: number, r: Record<string, string>) => {
    if (!COUNTRY.test(field(r, 'country')))
      bad(line, `country "${field(r, 'country')}" is not an ISO 3166-1 alpha-2 code`);
    if (!PERIOD.test(field(r, 'period'))) bad(line, `period "${field(r, 'period')}" is not YYYY, YYYY-MM or YYYY-Qn`);
  };

  if (kind === 'shortage-list') {
    const lines: ShortageLine[] = [];
    const seen = new Set<string>();
    for (const { record: r, info } of records) {
      const line = info.lines;
      const before = errors.length;
      checkCommon(line, r);
      checkIsco(line, field(r, 'isco'), false);
      const region = field(r, 'region');
      if (!REGION.test(region)) bad(line, `region "${region}" is not a NUTS or ISO 3166-2 code`);
      const title = field(r, 'title');
      if (title.length > 300) bad(line, 'title is longer than 300 characters');
      const key = [field(r, 'country'), region, field(r, 'isco'), field(r, 'period')].join('|');
      if (seen.has(key)) bad(line, `isco ${field(r, 'isco')} is listed twice for the same place and period`);
      seen.add(key);
      if (errors.length === before) {
        lines.push({
          line,
          country: field(r, 'country'),
          region,
          isco: field(r, 'isco'),
          title: title || null,
          period: field(r, 'period'),
        });
      }
    }
    refuse(errors);
    return { kind, lines };
  }

  const lines: OutsideFigureLine[] = [];
  for (const { record: r, info } of records) {
    const line = info.lines;
    const before = errors.length;
    checkCommon(line, r);
    if (!INDICATOR.test(field(r, 'indicator')))
      bad(line, `indicator "${field(r, 'indicator')}" must be lower-case words joined by -`);
    checkIsco(line, field(r, 'isco'), true);
    const value = field(r, 'value');
    if (!/^-?\d{1,15}(\.\d{1,6})?$/.test(value)) bad(line, `value "${value}" is not a number (use . for decimals)`);
    const unit = field(r, 'unit');
    if (!(LFS_UNITS as readonly string[]).includes(unit))
      bad(line, `unit "${unit}" is not one of ${LFS_UNITS.join(', ')}`);
    const sex = field(r, 'sex');
    if (sex && sex !== 'female' && sex !== 'male') bad(line, `sex "${sex}" is not female, male or empty`);
    const age = field(r, 'age_group');
    if (age && !(AGE_GROUPS as readonly string[]).includes(age))
      bad(line, `age_group "${age}" is not one of ${AGE_GROUPS.slice(0, 6).join(', ')}`);
    const band = field(r, 'isced_band');
    if (band && !(ISCED_BANDS as readonly string[]).includes(band))
      bad(line, `isced_band "${band}" is not one of ${ISCED_BANDS.slice(0, 4).join(', ')}`);
    if (errors.length === before) {
      lines.push({
        line,
        country: field(r, 'country'),
        indicator: field(r, 'indicator'),
        period: field(r, 'period'),
        isco: field(r, 'isco'),
        sex,
        ageGroup: age,
        iscedBand: band,
        value,
        unit,
      });
    }
  }
  refuse(errors);
  return { kind, lines };
}

function refuse(errors: string[]): void {
  if (errors.length === 0) return;
  const listed = errors.slice(0, MAX_REPORTED).join('; ');
  const more = errors.length > MAX_REPORTED ? `; and ${errors.length - MAX_REPORTED} more` : '';
  throw invalid(
    `${errors.length} line${errors.length > 1 ? 's' : ''} refused, nothing imported: ${listed}${more}`,
    'csv',
    'invalid_lines',
  );
}
