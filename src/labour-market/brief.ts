// The corridor view as a short brief (PDF, A4) for a skills mobility partnership: the origin pool, the destination's
// shortage occupations, how many in the pool work in each and how many are one training offer away, by sex. It is
// drawn from the protected answer only. Text in en/es/fr/ar: one font covers Latin and Arabic (IBM Plex Sans
// Arabic, as the CV uses), and Arabic lines are laid out with the CV's bidirectional layout (visualPieces).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { visualPieces, woffToSfnt } from '../profiles/domain.js';
import type { FigureValue } from './figures.js';
import type { LabelLang } from './labels.js';

const FONT_DIR = fileURLToPath(new URL('../../assets/fonts/ibm-plex-sans-arabic/', import.meta.url));
let fonts: { regular: Buffer; bold: Buffer } | null = null;
const fontData = () =>
  (fonts ??= {
    regular: woffToSfnt(readFileSync(`${FONT_DIR}IBMPlexSansArabic-Regular.woff`)),
    bold: woffToSfnt(readFileSync(`${FONT_DIR}IBMPlexSansArabic-SemiBold.woff`)),
  });

interface CountBySex {
  total: FigureValue;
  bySex: Record<string, FigureValue>;
}

export interface BriefInput {
  origin: string;
  destination: string;
  originName: string;
  destinationName: string;
  pool: CountBySex;
  occupations: {
    isco: string;
    label: string;
    sources: string[];
    demand: FigureValue;
    ratio: number | null;
    covered: CountBySex;
    oneTrainingAway: CountBySex;
  }[];
  disclosure: { k: number; method: string };
  attribution: string;
}

const T: Record<LabelLang, Record<string, string>> = {
  en: {
    title: 'Corridor brief',
    pool: 'Job seekers from {origin} (counted with their consent)',
    intro: 'Shortage occupations in {destination}, and how the pool from {origin} could fill them.',
    occupation: 'Occupation (ISCO-08)',
    demand: 'Open vacancies',
    covered: 'Work in it',
    away: 'One training away',
    women: 'women',
    men: 'men',
    source: 'Source',
    vacancies: 'Corridor vacancies',
    official: 'official list',
    none: 'No shortage occupation is published for this destination yet.',
    np: 'n.p.',
    generated: 'Generated {date}. n.p. = not published (fewer than {k} people, or would reveal such a cell).',
  },
  es: {
    title: 'Informe de corredor',
    pool: 'Personas que buscan empleo de {origin} (contadas con su consentimiento)',
    intro: 'Ocupaciones con escasez en {destination} y cómo podría cubrirlas el grupo de {origin}.',
    occupation: 'Ocupación (CIUO-08)',
    demand: 'Vacantes abiertas',
    covered: 'Trabajan en ella',
    away: 'A una formación',
    women: 'mujeres',
    men: 'hombres',
    source: 'Fuente',
    vacancies: 'vacantes de Corridor',
    official: 'lista oficial',
    none: 'Aún no se publica ninguna ocupación con escasez para este destino.',
    np: 'n.p.',
    generated: 'Generado el {date}. n.p. = no publicado (menos de {k} personas, o revelaría una celda así).',
  },
  fr: {
    title: 'Note de corridor',
    pool: 'Demandeurs d’emploi venant de {origin} (comptés avec leur consentement)',
    intro: 'Métiers en tension en {destination}, et comment le vivier venant de {origin} pourrait les pourvoir.',
    occupation: 'Profession (CITP-08)',
    demand: 'Offres ouvertes',
    covered: 'Y travaillent',
    away: 'À une formation',
    women: 'femmes',
    men: 'hommes',
    source: 'Source',
    vacancies: 'offres Corridor',
    official: 'liste officielle',
    none: 'Aucun métier en tension n’est encore publié pour cette destination.',
    np: 'n.p.',
    generated: 'Produit le {date}. n.p. = non publié (moins de {k} personnes, ou révélerait une telle cellule).',
  },
  ar: {
    title: 'موجز الممر',
    pool: 'الباحثون عن عمل من {origin} (محسوبون بموافقتهم)',
    intro: 'المهن التي تعاني نقصًا في {destination}، وكيف يمكن للباحثين عن عمل من {origin} شغلها.',
    occupation: 'المهنة (ISCO-08)',
    demand: 'الوظائف الشاغرة',
    covered: 'يعملون فيها',
    away: 'على بعد تدريب واحد',
    women: 'نساء',
    men: 'رجال',
    source: 'المصدر',
    vacancies: 'وظائف Corridor',
    official: 'قائمة رسمية',
    none: 'لم تُنشر بعد أي مهنة تعاني نقصًا لهذه الوجهة.',
    np: 'غ.م.',
    generated: 'أُنشئ في {date}. غ.م. = غير منشور (أقل من {k} أشخاص، أو قد يكشف خلية كهذه).',
  },
};

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

export function renderCorridorBrief(brief: BriefInput, lang: LabelLang, at: Date): Promise<Buffer> {
  const t = T[lang];
  const rtl = lang === 'ar';
  const number = new Intl.NumberFormat(lang);
  const show = (v: FigureValue) => (v.status === 'suppressed' ? t.np! : number.format(v.value ?? 0));
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: `${t.title}: ${brief.originName} → ${brief.destinationName}` },
  });
  const { regular, bold } = fontData();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const left = 40;
  const width = doc.page.width - 80;

  /** One line at (x, y) in a box of width w, laid out in visual order; right-aligned in Arabic. */
  const line = (text: string, x: number, y: number, w: number, font: 'regular' | 'bold', size: number) => {
    doc.font(font).fontSize(size);
    const pieces = visualPieces(text, rtl ? 'rtl' : 'ltr');
    const total = pieces.reduce((s, p) => s + doc.widthOfString(p), 0);
    let at = rtl ? x + w - Math.min(total, w) : x;
    for (const p of pieces) {
      doc.text(p, at, y, { lineBreak: false });
      at += doc.widthOfString(p);
    }
  };
  /** A paragraph wrapped by words within the width (kept simple: words are laid out as lines of pieces). */
  const paragraph = (text: string, font: 'regular' | 'bold', size: number) => {
    doc.font(font).fontSize(size);
    const words = text.split(' ');
    let current = '';
    for (const w of words) {
      const next = current ? `${current} ${w}` : w;
      if (doc.widthOfString(next) > width && current) {
        line(current, left, doc.y, width, font, size);
        doc.y += size * 1.4;
        current = w;
      } else current = next;
    }
    if (current) {
      line(current, left, doc.y, width, font, size);
      doc.y += size * 1.4;
    }
  };

  doc.y = 40;
  paragraph(`${t.title}: ${brief.originName} → ${brief.destinationName}`, 'bold', 18);
  doc.y += 4;
  paragraph(fill(t.intro!, { origin: brief.originName, destination: brief.destinationName }), 'regular', 10);
  doc.y += 6;
  const sex = (c: CountBySex) =>
    `${show(c.total)} (${t.women} ${show(c.bySex.female ?? { value: 0, status: 'zero' })}, ${t.men} ${show(c.bySex.male ?? { value: 0, status: 'zero' })})`;
  paragraph(`${fill(t.pool!, { origin: brief.originName })}: ${sex(brief.pool)}`, 'bold', 11);
  doc.y += 8;

  // Columns: occupation | vacancies | work in it (w / m) | one training away (w / m) | source
  const cols = [0.34, 0.12, 0.19, 0.19, 0.16].map((f) => f * width);
  const xs = cols.map((_, i) => left + cols.slice(0, i).reduce((a, b) => a + b, 0));
  const order = (i: number) => (rtl ? cols.length - 1 - i : i);
  const row = (cells: string[], font: 'regular' | 'bold', size: number) => {
    if (doc.y > doc.page.height - 80) {
      doc.addPage();
      doc.y = 40;
    }
    const y = doc.y;
    cells.forEach((c, i) => {
      const j = order(i);
      // Clip long occupation names to the column.
      let text = c;
      doc.font(font).fontSize(size);
      while (text.length > 4 && doc.widthOfString(text) > cols[i]! - 6) text = `${text.slice(0, -2)}…`;
      line(text, xs[j]!, y, cols[i]! - 6, font, size);
    });
    doc.y = y + size * 1.6;
  };
  if (brief.occupations.length === 0) paragraph(t.none!, 'regular', 10);
  else {
    row([t.occupation!, t.demand!, t.covered!, t.away!, t.source!], 'bold', 9);
    doc
      .moveTo(left, doc.y - 3)
      .lineTo(left + width, doc.y - 3)
      .lineWidth(0.5)
      .stroke('#999999');
    for (const o of brief.occupations) {
      const split = (c: CountBySex) =>
        `${show(c.total)} (${show(c.bySex.female ?? { value: 0, status: 'zero' })}/${show(c.bySex.male ?? { value: 0, status: 'zero' })})`;
      row(
        [
          o.label,
          show(o.demand),
          split(o.covered),
          split(o.oneTrainingAway),
          o.sources.map((s) => (s === 'vacancies' ? t.vacancies : t.official)).join(', '),
        ],
        'regular',
        8.5,
      );
    }
    paragraph(`(${t.women}/${t.men})`, 'regular', 8);
  }
  doc.y += 10;
  paragraph(fill(t.generated!, { date: at.toISOString().slice(0, 10), k: String(brief.disclosure.k) }), 'regular', 8);
  paragraph(brief.disclosure.method, 'regular', 8);
  paragraph(brief.attribution, 'regular', 8);
  doc.end();
  return done;
}
