// Arabic-script search. ESCO has no Arabic labels, so an Arabic query cannot match any label; this small
// hand-checked lexicon of common job titles and skills (Modern Standard Arabic with frequent Maghrebi and Levantine
// variants) turns it into English search terms, which the ordinary search then matches against ESCO's English
// labels. It is a lexicon, not a transliteration: a job title written in Arabic script is an Arabic word
// ("لحام"), not an English word in Arabic letters. Used by the search route only; the engines stay monolingual.

/** Arabic words → the English search terms that find the ESCO concepts (occupations first, then skills). */
const LEXICON: readonly (readonly [arabic: readonly string[], english: readonly string[]])[] = [
  // Occupations
  [
    ['لحام', 'لحّام', 'عامل لحام'],
    ['welder', 'weld'],
  ],
  [['طباخ', 'طبّاخ', 'طاهي', 'شيف'], ['cook']],
  [['مساعد طباخ', 'مساعد مطبخ', 'عامل مطبخ'], ['kitchen assistant']],
  [['غسال صحون', 'غسيل الصحون'], ['kitchen porter']],
  [['نادل', 'نادلة', 'جرسون', 'سيرفر'], ['waiter']],
  [
    ['عامل نظافة', 'عاملة نظافة', 'منظف', 'منظفة'],
    ['building cleaner', 'cleaner'],
  ],
  [
    ['عاملة منزلية', 'خادمة', 'عامل منزلي'],
    ['domestic cleaner', 'domestic housekeeper'],
  ],
  [['عاملة غرف', 'عامل غرف', 'منظفة غرف'], ['room attendant']],
  [['سائق', 'سواق', 'شوفير'], ['driver']],
  [['سائق شاحنة', 'سائق شاحنات', 'سائق كميون'], ['lorry driver']],
  [['سائق تاكسي', 'سائق سيارة أجرة'], ['taxi driver']],
  [['سائق حافلة', 'سائق باص'], ['bus driver']],
  [
    ['سائق توصيل', 'عامل توصيل', 'موزع', 'ساعي'],
    ['courier', 'delivery driver'],
  ],
  [
    ['سائق رافعة شوكية', 'رافعة شوكية', 'فوركليفت'],
    ['forklift operator', 'forklift'],
  ],
  [['سائق جرار', 'جرار'], ['tractor']],
  [
    ['ميكانيكي', 'ميكانيكي سيارات', 'مصلح سيارات'],
    ['motor vehicle mechanic', 'mechanic'],
  ],
  [['كهربائي', 'فني كهرباء', 'كهربجي'], ['electrician']],
  [['سباك', 'سبّاك', 'سمكري', 'بلومبي'], ['plumber']],
  [['نجار', 'نجّار'], ['carpenter']],
  [
    ['بناء', 'بنّاء', 'عامل بناء', 'معلم بناء'],
    ['bricklayer', 'construction worker'],
  ],
  [
    ['دهان', 'دهّان', 'نقاش', 'صباغ'],
    ['construction painter', 'painter'],
  ],
  [['مبلط', 'عامل بلاط', 'زلايجي'], ['tile fitter']],
  [['جباس', 'عامل جبس', 'مجبص'], ['plasterer']],
  [['حداد'], ['blacksmith', 'metal worker']],
  [
    ['فني تبريد', 'فني تكييف', 'تبريد وتكييف'],
    ['refrigeration technician', 'air conditioning'],
  ],
  [
    ['مزارع', 'فلاح', 'عامل زراعي', 'عامل فلاحي'],
    ['farmer', 'crop production worker'],
  ],
  [
    ['عامل حقل', 'جني الفواكه', 'قطف'],
    ['fruit picker', 'crop production worker'],
  ],
  [
    ['راعي', 'راعي غنم', 'مربي ماشية'],
    ['livestock worker', 'shepherd'],
  ],
  [
    ['صياد', 'صياد سمك', 'بحار'],
    ['fisher', 'fishery worker'],
  ],
  [['بستاني', 'جنايني'], ['gardener']],
  [
    ['ممرض', 'ممرضة'],
    ['nurse responsible for general care', 'nurse'],
  ],
  [
    ['مساعد ممرض', 'مساعدة ممرضة', 'مساعد تمريض'],
    ['nurse assistant', 'healthcare assistant'],
  ],
  [
    ['طبيب', 'دكتور'],
    ['doctor', 'medical doctor'],
  ],
  [['صيدلي', 'صيدلانية'], ['pharmacist']],
  [
    ['مقدم رعاية', 'مقدمة رعاية', 'مرافق مسنين', 'عامل رعاية'],
    ['care worker', 'home care aide'],
  ],
  [
    ['مربية', 'مربية أطفال', 'جليسة أطفال'],
    ['child care worker', 'babysitter'],
  ],
  [
    ['معلم', 'معلمة', 'مدرس', 'مدرسة', 'أستاذ', 'أستاذة'],
    ['primary school teacher', 'secondary school teacher'],
  ],
  [
    ['خياط', 'خياطة'],
    ['tailor', 'sew'],
  ],
  [['حلاق'], ['barber']],
  [['مصفف شعر', 'مصففة شعر', 'كوافير', 'كوافيرة'], ['hairdresser']],
  [['خباز', 'خبّاز', 'فران', 'فرّان'], ['baker']],
  [
    ['حلواني', 'صانع حلويات'],
    ['pastry maker', 'confectioner'],
  ],
  [['جزار', 'جزّار', 'لحام لحوم'], ['butcher']],
  [
    ['بائع', 'بائعة', 'بياع'],
    ['sales assistant', 'shop assistant'],
  ],
  [['كاشير', 'أمين صندوق', 'صراف'], ['cashier']],
  [['مندوب مبيعات'], ['sales representative']],
  [
    ['محاسب', 'محاسبة'],
    ['accountant', 'accounting'],
  ],
  [['سكرتير', 'سكرتيرة'], ['secretary']],
  [['موظف استقبال', 'موظفة استقبال'], ['receptionist']],
  [['حارس', 'حارس أمن', 'عون أمن'], ['security guard']],
  [
    ['عامل مستودع', 'أمين مخزن', 'أمين مستودع'],
    ['warehouse worker', 'warehouse'],
  ],
  [
    ['عامل تعبئة', 'تعبئة وتغليف', 'تغليف'],
    ['packer', 'packaging'],
  ],
  [
    ['عامل مصنع', 'عامل إنتاج'],
    ['manufacturing worker', 'assembly worker'],
  ],
  [
    ['مبرمج', 'مطور برمجيات', 'مطور'],
    ['software developer', 'programming'],
  ],
  [['مهندس'], ['engineer']],
  [['مهندس مدني'], ['civil engineer']],
  [['مهندس كهربائي'], ['electrical engineer']],
  [['فني', 'تقني'], ['technician']],
  [['مترجم', 'مترجمة'], ['translator']],
  [['مترجم فوري'], ['interpreter']],
  [['مصور', 'مصورة'], ['photographer']],
  [['مدير', 'مديرة'], ['manager']],
  [['عامل', 'عاملة'], ['labourer']],
  // Skills
  [
    ['طبخ', 'الطبخ', 'طهي'],
    ['cooking', 'prepare food'],
  ],
  [['تنظيف'], ['cleaning', 'clean']],
  [
    ['قيادة', 'سياقة'],
    ['drive vehicles', 'driving'],
  ],
  [
    ['حاسوب', 'كمبيوتر', 'حاسوب آلي'],
    ['use computer', 'computer'],
  ],
  [['إنجليزي', 'اللغة الإنجليزية', 'انجليزية'], ['English']],
  [['فرنسي', 'اللغة الفرنسية', 'فرنسية'], ['French']],
  [['إسباني', 'اللغة الإسبانية', 'إسبانية'], ['Spanish']],
  [['إسعافات أولية', 'إسعاف أولي'], ['first aid']],
  [['رعاية المرضى'], ['patient care']],
  [['رعاية الأطفال'], ['child care']],
  [['رعاية المسنين'], ['care for elderly']],
  [
    ['مبيعات', 'بيع'],
    ['sales', 'sell products'],
  ],
  [['خدمة العملاء', 'خدمة الزبائن'], ['customer service']],
  [
    ['خياطة ملابس', 'تفصيل'],
    ['sewing', 'dressmaking'],
  ],
  [
    ['زراعة', 'فلاحة'],
    ['agriculture', 'crop production'],
  ],
  [['ري', 'سقي'], ['irrigation']],
  [['حصاد'], ['harvest crops', 'crop production']],
  [
    ['تركيب كهربائي', 'تمديدات كهربائية'],
    ['electrical wiring', 'install electrical'],
  ],
  [['سباكة', 'تمديدات صحية'], ['plumbing']],
  [['نجارة'], ['woodwork', 'carpentry']],
  [['دهانة', 'طلاء'], ['paint surfaces']],
  [['صيانة'], ['maintenance']],
  [['إصلاح', 'تصليح'], ['repair']],
  [
    ['عمل جماعي', 'العمل ضمن فريق', 'عمل في فريق'],
    ['teamwork', 'work in teams'],
  ],
  [['تمريض'], ['nursing']],
  [
    ['تدريس', 'تعليم'],
    ['teaching', 'teach'],
  ],
  [['برمجة'], ['programming', 'software development']],
  [
    ['حلاقة', 'قص الشعر'],
    ['cut hair', 'hairdressing'],
  ],
  [
    ['خبز', 'الخبز'],
    ['bake', 'bread'],
  ],
  [['جزارة'], ['butchery', 'meat']],
  [
    ['حراسة', 'أمن'],
    ['security guard', 'security'],
  ],
  [['ميكانيك', 'ميكانيكا'], ['mechanics']],
  [['لغة عربية', 'اللغة العربية', 'عربي'], ['Arabic']],
];

// Arabic letters and marks (not digits): a query holding any is treated as Arabic script.
const ARABIC = /[\u0600-\u065F\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF]/;

export function isArabicScript(text: string): boolean {
  return ARABIC.test(text);
}

/**
 * Spelling variants people type fold together: short vowels, shadda, tatweel dropped; alef forms (أ إ آ ٱ) → ا,
 * ة → ه, ى → ي, ؤ → و, ئ → ي; and the article ال (also بال، وال، لل، فال) taken off each word.
 */
export function normaliseArabic(text: string): string[] {
  const folded = text
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/[^\u0621-\u064A\s]/g, ' ');
  return folded
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      for (const prefix of ['وال', 'بال', 'فال', 'كال', 'لل', 'ال']) {
        if (w.startsWith(prefix) && w.length - prefix.length >= 2) return w.slice(prefix.length);
      }
      return w;
    });
}

interface Entry {
  words: string[];
  english: readonly string[];
}

const ENTRIES: Entry[] = LEXICON.flatMap(([arabic, english]) =>
  arabic.map((a) => ({ words: normaliseArabic(a), english })),
).sort((a, b) => b.words.length - a.words.length);

/**
 * English search terms for an Arabic query: the longest lexicon phrases found in it, left to right; the last word
 * may be unfinished (autocomplete), then phrases starting with what was typed count too. Empty when nothing is known.
 */
export function englishTermsFor(query: string): string[] {
  const words = normaliseArabic(query);
  const out: string[] = [];
  const add = (terms: readonly string[]) => terms.forEach((t) => out.includes(t) || out.push(t));
  let i = 0;
  while (i < words.length) {
    const hit = ENTRIES.find((e) => e.words.every((w, k) => words[i + k] === w));
    if (hit) {
      add(hit.english);
      i += hit.words.length;
    } else i++;
  }
  // The word being typed may be unfinished: phrases that start with the query's last one or two words count too.
  for (const n of [Math.min(2, words.length), 1]) {
    const typed = words.slice(-n);
    const last = typed.length - 1;
    if (last < 0 || typed[last]!.length < 2) break;
    for (const e of ENTRIES) {
      if (e.words.length < typed.length) continue;
      if (typed.every((w, k) => (k === last ? e.words[k]!.startsWith(w) : e.words[k] === w))) add(e.english);
    }
  }
  return out;
}

/** Every lexicon entry (for the tests that check each English term finds something in ESCO). */
export function lexiconEntries(): readonly (readonly [readonly string[], readonly string[]])[] {
  return LEXICON;
}
