// The printable passport: a one-page summary whose QR code carries a share link (the full credential is a few
// kilobytes: too much for a QR code a phone camera reads reliably). The link opens the public verification page,
// which fetches and verifies the credential itself; the PDF is a carrier, never the proof.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Credential } from './credential.js';

interface SubjectView {
  name?: string;
  pseudonymous?: boolean;
  id?: string;
  originCountry?: string;
  birthYear?: number;
  skills?: { skill: string; name?: string; evidenceLevel: string; method: string }[];
  qualifications?: {
    name: string;
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

// The built-in PDF fonts cover Latin-1 only: other scripts are written as their code points' nearest ASCII or '?'.
const latin = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\xff]/g, '?');

export async function renderPassportPdf(credential: Credential, link: string, expiresAt: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: 'Skills passport', Creator: 'Corridor' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const subject = (credential.credentialSubject ?? {}) as SubjectView;
  const issuer = (credential.issuer ?? {}) as { id?: string; name?: string };
  const qr = await QRCode.toBuffer(link, { errorCorrectionLevel: 'M', margin: 2, width: 220 });

  doc.font('Helvetica-Bold').fontSize(20).text('Skills passport');
  doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#444');
  doc.text(latin(`Issued by ${issuer.name ?? issuer.id ?? ''}`));
  doc.text(
    `Valid ${String(credential.validFrom ?? '').slice(0, 10)} to ${String(credential.validUntil ?? '').slice(0, 10)}`,
  );
  doc.text(`Credential ${String(credential.id ?? '')}`);
  doc.image(qr, doc.page.width - 48 - 150, 40, { width: 150 });
  doc.fontSize(8).text(`Scan to verify (link valid until ${expiresAt.slice(0, 10)})`, doc.page.width - 48 - 150, 192, {
    width: 150,
    align: 'center',
  });
  doc.x = 48;
  doc.y = 215;
  doc
    .fillColor('#000')
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(subject.pseudonymous ? 'Holder (pseudonymous)' : latin(subject.name ?? ''));
  doc.font('Helvetica').fontSize(10);
  if (subject.pseudonymous) doc.text(`Subject ${subject.id ?? ''}`);
  if (subject.originCountry) doc.text(`Country of origin: ${subject.originCountry}`);
  if (subject.birthYear) doc.text(`Born: ${subject.birthYear}`);

  const section = (title: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(title).font('Helvetica').fontSize(10);
  if (subject.skills?.length) {
    section('Skills (ESCO)');
    for (const s of subject.skills) doc.text(latin(`- ${s.name ?? s.skill}: ${s.evidenceLevel} (${s.method})`));
  }
  if (subject.qualifications?.length) {
    section('Qualifications');
    for (const q of subject.qualifications) {
      doc.text(
        latin(
          `- ${q.name}${q.awardingBody ? `, ${q.awardingBody}` : ''}${q.eqfLevel ? ` (EQF ${q.eqfLevel})` : ''}` +
            (q.recognition && q.recognition !== 'declared'
              ? `: ${q.recognition.replace('-', ' ')}${q.recognisedOn ? ` on ${q.recognisedOn}` : ''}`
              : ''),
        ),
      );
    }
  }
  if (subject.languages?.length) {
    section('Languages (CEFR)');
    for (const l of subject.languages) {
      const levels = l.nativeLanguage
        ? 'mother tongue'
        : ['listening', 'reading', 'speaking', 'writing']
            .map((k) => `${k} ${(l as Record<string, unknown>)[k] ?? '-'}`)
            .join(', ');
      doc.text(`- ${l.language}: ${levels}`);
    }
  }
  doc.moveDown(1.2).fontSize(8).fillColor('#444');
  doc.text(
    'This page summarises a W3C Verifiable Credential signed by the issuer (Data Integrity eddsa-rdfc-2022). ' +
      'Only the signed credential is proof: verify it from the QR link or the JSON file on any Corridor verification page.',
  );
  doc.end();
  return done;
}
