// The printable passport: a one-page summary whose QR code carries a share link (the full credential is a few
// kilobytes: too much for a QR code a phone camera reads reliably). The link opens the public verification page,
// which fetches and verifies the credential itself; the PDF is a carrier, never the proof.
// Written in the reader's language (en/es/fr/ar): ESCO labels in it where ESCO has it (not Arabic: English, said
// once on the page), evidence levels and methods translated. Fonts and the bidirectional layout are the CV's
// (IBM Plex Sans Arabic for Latin and Arabic, Noto Sans for other scripts; bidi-js for mixed lines), so an Arabic
// name is drawn, joined and right to left, and can be copied out of the PDF as text.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import {
  balanceIsolates,
  fontRuns,
  mainFont,
  recordLigaturesForExtraction,
  visualPieces,
  wrap,
  type FontName,
} from '../../profiles/domain.js';
import type { Credential } from './credential.js';
import { PASSPORT_EVIDENCE, PASSPORT_METHODS } from './labels.js';

export const PASSPORT_PDF_LANGS = ['en', 'es', 'fr', 'ar'] as const;
export type PassportPdfLang = (typeof PASSPORT_PDF_LANGS)[number];

interface SubjectView {
  name?: string;
  pseudonymous?: boolean;
  id?: string;
  originCountry?: string;
  birthYear?: number;
  achievement?: { alignment?: { targetUrl?: string; targetName?: string }[] };
  skills?: {
    skill: string;
    name?: string;
    evidenceLevel: string;
    method: string;
    assessedBy?: string;
    assessedOn?: string;
  }[];
  qualifications?: {
    name: string;
    translatedName?: string;
    eqfLevel?: number;
    awardingBody?: string;
    recognition?: string;
    recognisedOn?: string;
  }[];
  languages?: {
    language: string;
    nativeLanguage?: boolean;
    listening?: string;
    reading?: string;
    speaking?: string;
    writing?: string;
  }[];
  occupations?: string[];
}

type Words = {
  title: string;
  issuedBy: string;
  valid: string;
  credential: string;
  scan: string;
  pseudonymous: string;
  subject: string;
  origin: string;
  born: string;
  occupations: string;
  skills: string;
  qualifications: string;
  languages: string;
  eqf: string;
  recognised: string;
  partiallyRecognised: string;
  by: string;
  motherTongue: string;
  listening: string;
  reading: string;
  speaking: string;
  writing: string;
  escoInEnglish: string;
  footer: string;
  evidence: Record<string, string>;
  methods: Record<string, string>;
};

/** The page's words. Evidence levels and methods are keyed by the credential's own (English) values. */
const WORDS: Record<PassportPdfLang, Words> = {
  en: {
    title: 'Skills passport',
    issuedBy: 'Issued by {name}',
    valid: 'Valid from {from} to {until}',
    credential: 'Credential {id}',
    scan: 'Scan to verify (link valid until {date})',
    pseudonymous: 'Holder (pseudonymous)',
    subject: 'Subject {id}',
    origin: 'Country of origin: {country}',
    born: 'Born: {year}',
    occupations: 'Occupations (ESCO)',
    skills: 'Skills (ESCO)',
    qualifications: 'Qualifications',
    languages: 'Languages (CEFR)',
    eqf: 'EQF level {level}',
    recognised: 'recognised on {date}',
    partiallyRecognised: 'partially recognised on {date}',
    by: 'by {name} on {date}',
    motherTongue: 'mother tongue',
    listening: 'listening',
    reading: 'reading',
    speaking: 'speaking',
    writing: 'writing',
    escoInEnglish: '',
    footer:
      'This page summarises a W3C Verifiable Credential signed by the issuer (Data Integrity eddsa-rdfc-2022). ' +
      'Only the signed credential is proof: verify it from the QR link or the JSON file on any Corridor verification page.',
    evidence: PASSPORT_EVIDENCE.en,
    methods: PASSPORT_METHODS.en,
  },
  es: {
    title: 'Pasaporte de competencias',
    issuedBy: 'Emitido por {name}',
    valid: 'Válido del {from} al {until}',
    credential: 'Credencial {id}',
    scan: 'Escanee para verificar (enlace válido hasta el {date})',
    pseudonymous: 'Titular (seudónimo)',
    subject: 'Sujeto {id}',
    origin: 'País de origen: {country}',
    born: 'Año de nacimiento: {year}',
    occupations: 'Ocupaciones (ESCO)',
    skills: 'Competencias (ESCO)',
    qualifications: 'Cualificaciones',
    languages: 'Idiomas (MCER)',
    eqf: 'nivel EQF {level}',
    recognised: 'reconocida el {date}',
    partiallyRecognised: 'reconocida parcialmente el {date}',
    by: 'por {name} el {date}',
    motherTongue: 'lengua materna',
    listening: 'comprensión auditiva',
    reading: 'lectura',
    speaking: 'expresión oral',
    writing: 'escritura',
    escoInEnglish: 'ESCO no tiene etiquetas en español aquí: ocupaciones y competencias se muestran en inglés.',
    footer:
      'Esta página resume una credencial verificable W3C firmada por el emisor (Data Integrity eddsa-rdfc-2022). ' +
      'Solo la credencial firmada es prueba: verifíquela con el enlace del código QR o el archivo JSON en cualquier página de verificación de Corridor.',
    evidence: PASSPORT_EVIDENCE.es,
    methods: PASSPORT_METHODS.es,
  },
  fr: {
    title: 'Passeport de compétences',
    issuedBy: 'Délivré par {name}',
    valid: 'Valable du {from} au {until}',
    credential: 'Attestation {id}',
    scan: 'Scannez pour vérifier (lien valable jusqu’au {date})',
    pseudonymous: 'Titulaire (pseudonyme)',
    subject: 'Sujet {id}',
    origin: 'Pays d’origine : {country}',
    born: 'Année de naissance : {year}',
    occupations: 'Métiers (ESCO)',
    skills: 'Compétences (ESCO)',
    qualifications: 'Qualifications',
    languages: 'Langues (CECRL)',
    eqf: 'niveau CEC {level}',
    recognised: 'reconnue le {date}',
    partiallyRecognised: 'reconnue en partie le {date}',
    by: 'par {name} le {date}',
    motherTongue: 'langue maternelle',
    listening: 'écouter',
    reading: 'lire',
    speaking: 'parler',
    writing: 'écrire',
    escoInEnglish: 'ESCO n’a pas de libellés en français ici : métiers et compétences sont affichés en anglais.',
    footer:
      'Cette page résume une attestation vérifiable W3C signée par l’émetteur (Data Integrity eddsa-rdfc-2022). ' +
      'Seule l’attestation signée fait foi : vérifiez-la par le lien du code QR ou le fichier JSON sur toute page de vérification Corridor.',
    evidence: PASSPORT_EVIDENCE.fr,
    methods: PASSPORT_METHODS.fr,
  },
  ar: {
    title: 'جواز المهارات',
    issuedBy: 'صادر عن {name}',
    valid: 'صالح من {from} إلى {until}',
    credential: 'الشهادة {id}',
    scan: 'امسح الرمز للتحقق (الرابط صالح حتى {date})',
    pseudonymous: 'الحامل (باسم مستعار)',
    subject: 'المعرّف {id}',
    origin: 'بلد المنشأ: {country}',
    born: 'سنة الميلاد: {year}',
    occupations: 'المهن (ESCO)',
    skills: 'المهارات (ESCO)',
    qualifications: 'المؤهلات',
    languages: 'اللغات (الإطار الأوروبي المرجعي)',
    eqf: 'المستوى {level} في الإطار الأوروبي للمؤهلات',
    recognised: 'معترف به في {date}',
    partiallyRecognised: 'معترف به جزئيًا في {date}',
    by: 'من {name} في {date}',
    motherTongue: 'اللغة الأم',
    listening: 'الاستماع',
    reading: 'القراءة',
    speaking: 'التحدث',
    writing: 'الكتابة',
    escoInEnglish: 'لا تتوفر تسميات ESCO بالعربية بعد، لذا تُعرض المهن والمهارات بالإنجليزية.',
    footer:
      'تلخّص هذه الصفحة شهادة قابلة للتحقق وفق W3C وقّعها المُصدِر (Data Integrity eddsa-rdfc-2022). ' +
      'الشهادة الموقّعة وحدها هي الدليل: تحقّق منها عبر رابط رمز QR أو ملف JSON في أي صفحة تحقق من Corridor.',
    evidence: PASSPORT_EVIDENCE.ar,
    methods: PASSPORT_METHODS.ar,
  },
};

const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
/** Keeps a run of the other direction whole inside a line (Unicode first-strong isolate). */
const isolate = (text: string) => `\u2068${text}\u2069`;

export interface PassportPdfOptions {
  lang?: PassportPdfLang;
  /** ESCO preferred label of a concept URI in `labelLang` (null: not in the loaded taxonomy). */
  label?: (uri: string) => string | null;
  /** The language `label` answers in (ESCO has no Arabic: English then, said on the page). */
  labelLang?: string;
}

/** A passport PDF as plain data, for a worker thread (the route renders through the shared PDF pool). */
export interface PassportPdfJob {
  credential: Credential;
  link: string;
  expiresAt: string;
  lang: PassportPdfLang;
  /** ESCO labels of the credential's concepts, looked up beforehand (a function cannot cross to a worker). */
  labels: Record<string, string | null>;
  labelLang: string;
}

/** The concept URIs the page names: what `PassportPdfJob.labels` needs. */
export function passportConcepts(credential: Credential): string[] {
  const subject = (credential.credentialSubject ?? {}) as SubjectView;
  return [...new Set([...(subject.occupations ?? []), ...(subject.skills ?? []).map((s) => s.skill)])];
}

/** The worker's entry (profiles' PDF pool imports this module and calls it by name). */
export function renderPassportJob(job: PassportPdfJob): Promise<Buffer> {
  return renderPassportPdf(job.credential, job.link, job.expiresAt, {
    lang: job.lang,
    label: (uri) => job.labels[uri] ?? null,
    labelLang: job.labelLang,
  });
}

const MARGIN = 48;
const QR_SIZE = 150;

export async function renderPassportPdf(
  credential: Credential,
  link: string,
  expiresAt: string,
  options: PassportPdfOptions = {},
): Promise<Buffer> {
  const lang = options.lang ?? 'en';
  const w = WORDS[lang];
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang,
    displayTitle: true,
    info: { Title: w.title, Creator: 'Corridor' },
  });
  doc.registerFont('regular', mainFont('regular'));
  doc.registerFont('bold', mainFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const subject = (credential.credentialSubject ?? {}) as SubjectView;
  const issuer = (credential.issuer ?? {}) as { id?: string; name?: string };
  const qr = await QRCode.toBuffer(link, { errorCorrectionLevel: 'M', margin: 2, width: 220 });

  const date = (iso: string | undefined) => {
    const d = iso ? new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso) : null;
    return d && !Number.isNaN(d.getTime())
      ? new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d)
      : (iso ?? '');
  };
  const country = (code: string) => {
    try {
      return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const language = (code: string) => {
    try {
      return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  // What the page does not write itself (names, labels, titles, ids) is isolated: an English label keeps its
  // order on an Arabic page, an Arabic title and awarding body keep theirs on a Spanish one.
  const foreign = isolate;
  const sep = lang === 'ar' ? '، ' : ', ';
  const concept = (uri: string, fallback: string | undefined) =>
    foreign(options.label?.(uri) ?? fallback ?? uri.slice(uri.lastIndexOf('/') + 1));

  const byFont = fontRuns(doc);
  const pieces = (line: string, weight: FontName) =>
    visualPieces(line, dir)
      .flatMap((piece) => byFont(piece, weight))
      .map((part) => ({ ...part, width: doc.font(part.font).widthOfString(part.text) }));

  let y = MARGIN;
  /** Text wrapped within [left, left + width], each line in visual order, right-aligned on an Arabic page. */
  const write = (
    text: string,
    style: { weight?: FontName; size?: number; color?: string; left?: number; width?: number; gap?: number } = {},
  ) => {
    const weight = style.weight ?? 'regular';
    const size = style.size ?? 10;
    const left = style.left ?? MARGIN;
    const width = style.width ?? doc.page.width - 2 * MARGIN;
    const lineHeight = size * 1.45;
    y += style.gap ?? 0;
    doc
      .font(weight)
      .fontSize(size)
      .fillColor(style.color ?? '#000000');
    recordLigaturesForExtraction(doc);
    const measure = (s: string) => pieces(s, weight).reduce((sum, p) => sum + p.width, 0);
    for (const line of balanceIsolates(wrap(text, width, measure))) {
      if (y + lineHeight > doc.page.height - MARGIN) {
        doc.addPage();
        y = MARGIN;
      }
      const parts = pieces(line, weight);
      const total = parts.reduce((sum, p) => sum + p.width, 0);
      let x = dir === 'rtl' ? left + width - total : left;
      for (const part of parts) {
        if (part.text.trim()) doc.font(part.font).text(part.text, x, y, { lineBreak: false });
        x += part.width;
      }
      doc.font(weight);
      y += lineHeight;
    }
  };

  // The header beside the QR code (QR at the end of the line: right in ltr, left in rtl).
  const qrX = dir === 'rtl' ? MARGIN : doc.page.width - MARGIN - QR_SIZE;
  const headLeft = dir === 'rtl' ? MARGIN + QR_SIZE + 16 : MARGIN;
  const headWidth = doc.page.width - 2 * MARGIN - QR_SIZE - 16;
  doc.image(qr, qrX, 40, { width: QR_SIZE });
  y = 40 + QR_SIZE + 2;
  write(fill(w.scan, { date: date(expiresAt) }), { size: 8, color: '#444444', left: qrX, width: QR_SIZE });
  const qrBottom = y;

  y = MARGIN;
  const head = { left: headLeft, width: headWidth };
  write(w.title, { ...head, weight: 'bold', size: 20 });
  write(fill(w.issuedBy, { name: foreign(issuer.name ?? issuer.id ?? '') }), { ...head, color: '#444444', gap: 4 });
  write(
    fill(w.valid, { from: date(String(credential.validFrom ?? '')), until: date(String(credential.validUntil ?? '')) }),
    { ...head, color: '#444444' },
  );
  write(fill(w.credential, { id: foreign(String(credential.id ?? '')) }), { ...head, size: 8, color: '#444444' });
  y = Math.max(y, qrBottom) + 10;

  write(subject.pseudonymous ? w.pseudonymous : (subject.name ?? ''), { weight: 'bold', size: 14 });
  if (subject.pseudonymous) write(fill(w.subject, { id: foreign(subject.id ?? '') }));
  if (subject.originCountry) write(fill(w.origin, { country: country(subject.originCountry) }));
  if (subject.birthYear) write(fill(w.born, { year: subject.birthYear }));

  const section = (title: string) => write(title, { weight: 'bold', size: 12, color: '#1f4e79', gap: 10 });
  // Said once, as the app says it: ESCO lacks the page's language (Arabic), so its labels are in English.
  if ((options.labelLang ?? 'en') !== lang && w.escoInEnglish) {
    write(w.escoInEnglish, { size: 9, color: '#444444', gap: 6 });
  }
  if (subject.occupations?.length) {
    section(w.occupations);
    const named = new Map((subject.achievement?.alignment ?? []).map((a) => [a.targetUrl, a.targetName]));
    for (const uri of subject.occupations) write(`• ${concept(uri, named.get(uri))}`);
  }
  if (subject.skills?.length) {
    section(w.skills);
    for (const s of subject.skills) {
      const how = `${w.evidence[s.evidenceLevel] ?? s.evidenceLevel} (${w.methods[s.method] ?? s.method})`;
      const by =
        s.assessedBy && s.assessedOn
          ? `${sep}${fill(w.by, { name: foreign(s.assessedBy), date: date(s.assessedOn) })}`
          : '';
      write(`• ${concept(s.skill, s.name)}: ${how}${by}`);
    }
  }
  if (subject.qualifications?.length) {
    section(w.qualifications);
    for (const q of subject.qualifications) {
      const parts = [
        foreign(q.name) + (q.translatedName ? ` (${foreign(q.translatedName)})` : ''),
        q.awardingBody ? foreign(q.awardingBody) : null,
        q.eqfLevel ? fill(w.eqf, { level: q.eqfLevel }) : null,
        q.recognition === 'recognised' || q.recognition === 'partially-recognised'
          ? fill(q.recognition === 'recognised' ? w.recognised : w.partiallyRecognised, {
              date: date(q.recognisedOn),
            })
          : null,
      ];
      write(`• ${parts.filter(Boolean).join(sep)}`);
    }
  }
  if (subject.languages?.length) {
    section(w.languages);
    for (const l of subject.languages) {
      const levels = l.nativeLanguage
        ? w.motherTongue
        : (['listening', 'reading', 'speaking', 'writing'] as const).map((k) => `${w[k]} ${l[k] ?? '-'}`).join(sep);
      write(`• ${language(l.language)}: ${levels}`);
    }
  }
  write(w.footer, { size: 8, color: '#444444', gap: 14 });
  doc.end();
  return done;
}
