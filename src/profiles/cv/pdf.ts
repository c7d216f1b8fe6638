// Renders a CV document to PDF with PDFKit. Arabic letters are joined by fontkit's OpenType shaping (the font's
// init/medi/fina/rlig features); the order of mixed Arabic/Latin lines comes from the Unicode Bidirectional
// Algorithm (bidi-js): each line is cut into runs of one direction, the runs are placed in visual order, and an
// Arabic run is handed to the shaper in logical order (fontkit lays out Arabic script right to left itself).
// One font covers Arabic and Latin (IBM Plex Sans Arabic, SIL OFL 1.1, in assets/fonts); characters it
// lacks (Turkish ş ğ, Romanian ț, Cyrillic, Greek, Vietnamese, Devanagari names) are drawn with Noto Sans (OFL).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import bidiDefault, { type Bidi } from 'bidi-js';
import PDFDocument from 'pdfkit';
import type { CvBlockKind, CvDocument } from './document.js';

const require = createRequire(import.meta.url);
// Committed with its licence (assets/fonts/README.md says why it is not an npm dependency).
const FONT_DIR = fileURLToPath(new URL('../../../assets/fonts/ibm-plex-sans-arabic/', import.meta.url));
const FONT_FILES = {
  regular: 'IBMPlexSansArabic-Regular.woff',
  bold: 'IBMPlexSansArabic-SemiBold.woff',
};
export type FontName = keyof typeof FONT_FILES;
const NOTO_DIR = join(dirname(require.resolve('@fontsource/noto-sans/package.json')), 'files');
/** Noto Sans subsets tried, in order, for a character the main font does not have. */
export const FALLBACK_SUBSETS = [
  'latin-ext',
  'latin',
  'cyrillic',
  'cyrillic-ext',
  'greek',
  'greek-ext',
  'vietnamese',
  'devanagari',
];
export const fallbackFile = (subset: string, weight: FontName) =>
  join(NOTO_DIR, `noto-sans-${subset}-${weight === 'bold' ? 600 : 400}-normal.woff`);

/**
 * WOFF 1.0 → plain OpenType (sfnt). The package ships WOFF only, and fontkit inflates WOFF tables in pure
 * JavaScript on every document (≈1.5 s a CV); node:zlib does it once per process.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  woff.copy(header, 0, 4, 8); // flavour (sfnt version)
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const body: Buffer[] = [];
  let offset = header.length;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    t.tag.copy(header, at);
    header.writeUInt32BE(t.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(t.data.length, at + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    body.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...body]);
}

const unpacked = new Map<string, Buffer>();
/** A WOFF file read and unpacked once per process. */
export function fontFile(path: string): Buffer {
  let data = unpacked.get(path);
  if (!data) unpacked.set(path, (data = woffToSfnt(readFileSync(path))));
  return data;
}

/** The main fonts (PDFKit still parses and subsets them per document). */
export const mainFont = (name: FontName) => fontFile(join(FONT_DIR, FONT_FILES[name]));

// bidi-js is CommonJS typed as `export default`: under Node the default import is the factory itself.
const bidi = (bidiDefault as unknown as () => Bidi)();

const MARGIN = 48;
const STYLE: Record<CvBlockKind, { font: FontName; size: number; before: number; color: string }> = {
  name: { font: 'bold', size: 22, before: 0, color: '#111111' },
  heading: { font: 'bold', size: 13, before: 14, color: '#1f4e79' },
  item: { font: 'bold', size: 10.5, before: 6, color: '#111111' },
  detail: { font: 'regular', size: 10, before: 1, color: '#333333' },
  footer: { font: 'regular', size: 8, before: 2, color: '#555555' },
};

/** Letters of Arabic script that join into words (with their marks, tatweel and joiner controls). */
const ARABIC_WORD = /[\p{Script=Arabic}\p{M}\u0640\u200C\u200D]+/gu;
const ARABIC_CHAR = /\p{Script=Arabic}/u;
/** Directional marks, embeddings and isolates steer the algorithm but have no glyph: never drawn or measured. */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** Thin and narrow no-break spaces (French punctuation, some Intl formats) are not in the font. */
const NARROW_SPACES = /[\u2000-\u200A\u202F\u205F]/gu;
const drawable = (text: string) => text.replace(BIDI_CONTROLS, '').replace(NARROW_SPACES, '\u00A0');

/**
 * Cuts one line (no line breaks) into the pieces to draw from left to right (Unicode Bidirectional Algorithm with
 * the given paragraph direction). A piece is one Arabic word in logical order, because the shaper joins its
 * letters and lays Arabic script out right to left itself, or a stretch of other text already in visual order
 * (brackets mirrored in right-to-left runs). PDFKit's own layout splits text at spaces and would put the words
 * of an Arabic phrase left to right, so Arabic never reaches it with a space inside.
 */
export function visualPieces(line: string, dir: 'ltr' | 'rtl'): string[] {
  if (!line) return [];
  const embedding = bidi.getEmbeddingLevels(line, dir);
  const order = bidi.getReorderedIndices(line, embedding);
  const levels = embedding.levels;
  const pieces: string[] = [];
  let current: number[] = [];
  const flush = () => {
    if (!current.length) return;
    const rtl = levels[current[0]!]! % 2 === 1;
    if (rtl) {
      // current is in visual order; cut the logical text into Arabic words and single other characters.
      const logical = [...current]
        .reverse()
        .map((i) => line[i]!)
        .join('');
      const segments: string[] = [];
      let at = 0;
      for (const m of logical.matchAll(ARABIC_WORD)) {
        for (const ch of logical.slice(at, m.index)) segments.push(bidi.getMirroredCharacter(ch) ?? ch);
        segments.push(m[0]);
        at = m.index + m[0].length;
      }
      for (const ch of logical.slice(at)) segments.push(bidi.getMirroredCharacter(ch) ?? ch);
      pieces.push(...segments.reverse());
    } else {
      const text = current.map((i) => line[i]!).join('');
      // Arabic-script characters in a left-to-right run (Arabic-Indic digits) one by one: the shaper would
      // otherwise lay the sequence out right to left.
      if (ARABIC_CHAR.test(text)) pieces.push(...text.split(/(\p{Script=Arabic})/u).filter(Boolean));
      else pieces.push(text);
    }
    current = [];
  };
  for (const i of order) {
    const prev = current[current.length - 1];
    const rtl = levels[i]! % 2 === 1;
    const continues = prev !== undefined && levels[prev] === levels[i] && (rtl ? i === prev - 1 : i === prev + 1);
    if (!continues) flush();
    current.push(i);
  }
  flush();
  return pieces.map(drawable).filter(Boolean);
}

interface ShapedGlyph {
  codePoints: number[];
}
interface ShapingFont {
  layout(...args: unknown[]): { direction?: string; glyphs: ShapedGlyph[] };
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** The fontkit font behind PDFKit's current font (PDFKit internals: `_font.font`); undefined if that changes. */
function currentFontkit(doc: PDFKit.PDFDocument): ShapingFont | undefined {
  const font = (doc as unknown as { _font?: { font?: ShapingFont } })._font?.font;
  return font && typeof font.layout === 'function' && typeof font.hasGlyphForCodePoint === 'function'
    ? font
    : undefined;
}

/** Selects a registered font and returns its fontkit font (for coverage checks). */
function fontkitOf(doc: PDFKit.PDFDocument, name: string): ShapingFont | undefined {
  doc.font(name);
  return currentFontkit(doc);
}
const patchedFonts = new WeakSet<object>();
const reversedGlyphs = new WeakSet<object>();

/**
 * Text extraction (copy and paste, search, screen readers) reads a right-to-left line in visual order and turns
 * it around; a ligature glyph (lam-alef, …) maps to its letters in logical order and would come out reversed
 * ("ال" for "لا"). So the letters of a ligature glyph in a right-to-left run are recorded reversed in the font's
 * ToUnicode map. fontkit caches glyph objects per id, so each glyph is turned once. Reaches into PDFKit's current
 * font (`_font.font`, the fontkit font); without it the drawing is unchanged, only extraction degrades.
 */
export function recordLigaturesForExtraction(doc: PDFKit.PDFDocument): void {
  const font = currentFontkit(doc);
  if (!font || patchedFonts.has(font)) return;
  patchedFonts.add(font);
  const layout = font.layout.bind(font);
  font.layout = (...args: unknown[]) => {
    const run = layout(...args);
    if (run.direction === 'rtl') {
      for (const g of run.glyphs) {
        if (g.codePoints.length > 1 && !reversedGlyphs.has(g)) {
          reversedGlyphs.add(g);
          g.codePoints = [...g.codePoints].reverse();
        }
      }
    }
    return run;
  };
}

/** A piece of text drawn in one registered font. */
export interface FontRun {
  text: string;
  font: string;
}

/**
 * Cuts text where the font that has its glyphs changes: the main font (`regular`/`bold`, registered by the caller),
 * else the first Noto Sans fallback subset with the glyph, registered on first use. Whitespace stays in the main
 * font; the document is left on the main font of the weight asked for. One function per document: it caches which
 * font covers what.
 */
export function fontRuns(doc: PDFKit.PDFDocument): (text: string, weight: FontName) => FontRun[] {
  const registered = new Set<string>();
  const covers = new Map<string, (cp: number) => boolean>();
  const coverage = (name: string) => {
    let has = covers.get(name);
    if (!has) {
      const font = fontkitOf(doc, name);
      has = font ? (cp) => font.hasGlyphForCodePoint(cp) : () => true;
      covers.set(name, has);
    }
    return has;
  };
  const fontFor = (ch: string, weight: FontName): string => {
    const cp = ch.codePointAt(0)!;
    if (/\s/u.test(ch) || coverage(weight)(cp)) return weight;
    for (const subset of FALLBACK_SUBSETS) {
      const name = `${subset}-${weight}`;
      if (!registered.has(name)) {
        doc.registerFont(name, fontFile(fallbackFile(subset, weight)));
        registered.add(name);
      }
      if (coverage(name)(cp)) return name;
    }
    return weight;
  };
  return (text, weight) => {
    const out: FontRun[] = [];
    for (const ch of text) {
      const font = fontFor(ch, weight);
      const last = out[out.length - 1];
      if (last && last.font === font) last.text += ch;
      else out.push({ text: ch, font });
    }
    doc.font(weight);
    return out;
  };
}

/**
 * Closes, at the end of each line, the isolates still open there and opens them again at the start of the next:
 * the bidi algorithm runs line by line, and an isolate cut by the wrap would leave the rest of a French sentence
 * inside an Arabic line without its direction (its full stop then lands at the wrong end).
 */
export function balanceIsolates(lines: string[]): string[] {
  let open: string[] = [];
  return lines.map((line) => {
    const carried = open.join('');
    const stack = [...open];
    for (const ch of line) {
      if (ch === '\u2066' || ch === '\u2067' || ch === '\u2068') stack.push(ch);
      else if (ch === '\u2069' && stack.length) stack.pop();
    }
    open = stack;
    return carried + line + '\u2069'.repeat(stack.length);
  });
}

/** Greedy line breaking at ordinary spaces; a word wider than the line is cut by characters. */
export function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    // Only ordinary spaces break: no-break spaces ("1 an", "« mot »") keep their words together.
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (measure(line) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut)) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The CV as a PDF (A4). */
export function renderCvPdf(cv: CvDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: cv.lang,
    displayTitle: true,
    info: { Title: cv.title, Creator: 'Corridor' },
    autoFirstPage: true,
  });
  doc.registerFont('regular', mainFont('regular'));
  doc.registerFont('bold', mainFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = MARGIN;
  const right = doc.page.width - MARGIN;
  const width = right - left;
  const bottom = () => doc.page.height - MARGIN;
  let y = MARGIN;

  const byFont = fontRuns(doc);
  const measure = (text: string, weight: FontName) =>
    byFont(drawable(text), weight).reduce((sum, part) => sum + doc.font(part.font).widthOfString(part.text), 0);

  const drawLine = (line: string, lineHeight: number, weight: FontName) => {
    if (y + lineHeight > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    const parts = visualPieces(line, cv.dir)
      .flatMap((piece) => byFont(piece, weight))
      .map((part) => ({ ...part, width: doc.font(part.font).widthOfString(part.text) }));
    const total = parts.reduce((sum, part) => sum + part.width, 0);
    let x = cv.dir === 'rtl' ? right - total : left;
    for (const part of parts) {
      if (part.text.trim()) doc.font(part.font).text(part.text, x, y, { lineBreak: false });
      x += part.width;
    }
    doc.font(weight);
    y += lineHeight;
  };

  let previous: CvBlockKind | null = null;
  for (const block of cv.blocks) {
    const style = STYLE[block.kind];
    if (block.kind === 'footer' && previous !== 'footer') y += 12;
    y += style.before;
    // A heading or entry title is not left alone at the foot of a page: room for it and two lines after it.
    if ((block.kind === 'heading' || block.kind === 'item') && y + style.size * 1.4 + 2 * 14 > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    doc.font(style.font).fontSize(style.size).fillColor(style.color);
    recordLigaturesForExtraction(doc);
    const lineHeight = style.size * 1.4;
    const lines = balanceIsolates(wrap(block.text, width, (s) => measure(s, style.font)));
    for (const line of lines) drawLine(line, lineHeight, style.font);
    if (block.kind === 'heading') {
      doc
        .moveTo(left, y - 2)
        .lineTo(right, y - 2)
        .lineWidth(0.5)
        .strokeColor('#9db3c8')
        .stroke();
      y += 3;
    }
    previous = block.kind;
  }
  doc.end();
  return done;
}
