// Seed data. EXAMPLE DATA, NOT LEGAL ADVICE OR OFFICIAL RATES: plausible shapes written to exercise the hiring
// guide and the SDG 10.7.1 indicator on a fresh instance. Every row is stored with example = true and shown as such;
// administrators replace them with the content and rates that apply.
import type { GuideText } from './model.js';
import type { ExchangeRate } from './sdg.js';

export const EXAMPLE_RATES: ExchangeRate[] = [
  { currency: 'EUR', validOn: '2024-01-01', perUsd: 0.92 },
  { currency: 'EUR', validOn: '2025-01-01', perUsd: 0.95 },
  { currency: 'GBP', validOn: '2024-01-01', perUsd: 0.79 },
  { currency: 'MAD', validOn: '2024-01-01', perUsd: 10 },
  { currency: 'XOF', validOn: '2024-01-01', perUsd: 605 },
  { currency: 'EGP', validOn: '2024-01-01', perUsd: 48 },
  { currency: 'PHP', validOn: '2024-01-01', perUsd: 56 },
  { currency: 'NPR', validOn: '2024-01-01', perUsd: 133 },
  { currency: 'INR', validOn: '2024-01-01', perUsd: 83 },
  { currency: 'BDT', validOn: '2024-01-01', perUsd: 110 },
  { currency: 'COP', validOn: '2024-01-01', perUsd: 3900 },
  { currency: 'UAH', validOn: '2024-01-01', perUsd: 38 },
];

export interface ExampleGuide {
  ruleId: string;
  hoursPerWeek: number | null;
  changeOfEmployer: 'free' | 'with-authorisation' | 'not-allowed';
  durationMonths: number | null;
  reviewBy: string;
  text: Record<'en' | 'es' | 'fr' | 'ar', GuideText>;
}

export const EXAMPLE_GUIDES: ExampleGuide[] = [
  {
    ruleId: 'es-work-general',
    hoursPerWeek: null,
    changeOfEmployer: 'free',
    durationMonths: 12,
    reviewBy: '2027-06-30',
    text: {
      en: {
        allows: 'Salaried work for any employer, in the sectors the permit names (any sector when it names none).',
        steps: [
          'Check the expiry date and any sector restriction on the permit card.',
          'Offer a written contract at the collective agreement’s wage.',
          'Register the worker with social security before the first day.',
        ],
        documents: ['Residence and work permit card', 'Passport or identity document', 'Social security number'],
        obligations: ['Pay at least the collective agreement’s wage', 'The worker pays no recruitment fee or cost'],
        incentives: ['Ask the public employment service about hiring subsidies for long-term job seekers'],
        help: ['Employer desk of the public employment service', 'Labour inspectorate information line'],
      },
      es: {
        allows:
          'Trabajo por cuenta ajena para cualquier empleador, en los sectores que indica el permiso (cualquiera si no indica ninguno).',
        steps: [
          'Compruebe la fecha de caducidad y cualquier restricción de sector en la tarjeta.',
          'Ofrezca un contrato por escrito con el salario del convenio colectivo.',
          'Dé de alta a la persona en la Seguridad Social antes del primer día.',
        ],
        documents: [
          'Tarjeta de residencia y trabajo',
          'Pasaporte o documento de identidad',
          'Número de la Seguridad Social',
        ],
        obligations: ['Pagar al menos el salario del convenio', 'La persona no paga tasas ni costes de contratación'],
        incentives: [
          'Consulte al servicio público de empleo las ayudas a la contratación de parados de larga duración',
        ],
        help: [
          'Servicio de atención a empresas del servicio público de empleo',
          'Línea de información de la Inspección de Trabajo',
        ],
      },
      fr: {
        allows:
          'Travail salarié pour tout employeur, dans les secteurs que le titre indique (tout secteur s’il n’en indique aucun).',
        steps: [
          'Vérifiez la date d’expiration et toute restriction de secteur sur la carte.',
          'Proposez un contrat écrit au salaire de la convention collective.',
          'Déclarez la personne à la sécurité sociale avant le premier jour.',
        ],
        documents: ['Carte de séjour et de travail', 'Passeport ou pièce d’identité', 'Numéro de sécurité sociale'],
        obligations: ['Payer au moins le salaire conventionnel', 'La personne ne paie aucun frais de recrutement'],
        incentives: ['Demandez au service public de l’emploi les aides à l’embauche de chômeurs de longue durée'],
        help: ['Service entreprises du service public de l’emploi', 'Ligne d’information de l’inspection du travail'],
      },
      ar: {
        allows: 'العمل المأجور لدى أي صاحب عمل، في القطاعات التي يذكرها التصريح (أي قطاع إن لم يذكر شيئًا).',
        steps: [
          'تحقق من تاريخ انتهاء البطاقة ومن أي قيد على القطاع.',
          'قدّم عقدًا مكتوبًا بأجر الاتفاقية الجماعية.',
          'سجّل العامل في الضمان الاجتماعي قبل اليوم الأول.',
        ],
        documents: ['بطاقة الإقامة والعمل', 'جواز السفر أو وثيقة الهوية', 'رقم الضمان الاجتماعي'],
        obligations: ['دفع أجر الاتفاقية الجماعية على الأقل', 'لا يدفع العامل أي رسوم أو تكاليف توظيف'],
        incentives: ['اسأل خدمة التوظيف العامة عن دعم توظيف الباحثين عن عمل لفترة طويلة'],
        help: ['مكتب أصحاب العمل في خدمة التوظيف العامة', 'خط معلومات مفتشية العمل'],
      },
    },
  },
  {
    ruleId: 'es-seasonal',
    hoursPerWeek: 40,
    changeOfEmployer: 'with-authorisation',
    durationMonths: 9,
    reviewBy: '2027-06-30',
    text: {
      en: {
        allows:
          'Seasonal work in agriculture and hospitality, in skilled agricultural or elementary occupations, for the season stated.',
        steps: [
          'Make the job offer through the seasonal recruitment programme before the season.',
          'Arrange decent accommodation and the journey; the worker does not pay for them.',
          'Register the worker with social security on arrival.',
        ],
        documents: ['Seasonal work visa or permit', 'Passport', 'Signed contract for the season'],
        obligations: [
          'Provide or arrange accommodation',
          'Pay travel costs',
          'Help the worker return at the end of the season',
        ],
        incentives: ['Returning seasonal workers can be rehired the next season with a simpler procedure'],
        help: ['Seasonal programme desk of the public employment service', 'Agricultural employers’ association'],
      },
      es: {
        allows:
          'Trabajo de temporada en agricultura y hostelería, en ocupaciones agrícolas cualificadas o elementales, durante la temporada indicada.',
        steps: [
          'Presente la oferta por el programa de contratación de temporada antes de la campaña.',
          'Organice un alojamiento digno y el viaje; la persona no los paga.',
          'Dé de alta a la persona en la Seguridad Social a su llegada.',
        ],
        documents: ['Visado o permiso de temporada', 'Pasaporte', 'Contrato firmado para la temporada'],
        obligations: ['Facilitar alojamiento', 'Pagar el viaje', 'Facilitar el regreso al final de la temporada'],
        incentives: ['Quien ya trabajó una temporada puede volver a ser contratado con un trámite más sencillo'],
        help: [
          'Oficina del programa de temporada del servicio público de empleo',
          'Asociación de empresarios agrarios',
        ],
      },
      fr: {
        allows:
          'Travail saisonnier dans l’agriculture et l’hôtellerie-restauration, dans des métiers agricoles qualifiés ou élémentaires, pour la saison indiquée.',
        steps: [
          'Déposez l’offre par le programme de recrutement saisonnier avant la saison.',
          'Organisez un logement décent et le voyage ; la personne ne les paie pas.',
          'Déclarez la personne à la sécurité sociale à son arrivée.',
        ],
        documents: ['Visa ou titre de travail saisonnier', 'Passeport', 'Contrat signé pour la saison'],
        obligations: ['Fournir un logement', 'Payer le voyage', 'Faciliter le retour en fin de saison'],
        incentives: ['Une personne déjà venue une saison peut être réembauchée plus simplement'],
        help: ['Bureau du programme saisonnier du service public de l’emploi', 'Association des employeurs agricoles'],
      },
      ar: {
        allows: 'العمل الموسمي في الزراعة والضيافة، في المهن الزراعية الماهرة أو الأولية، خلال الموسم المذكور.',
        steps: [
          'قدّم عرض العمل عبر برنامج التوظيف الموسمي قبل الموسم.',
          'وفّر سكنًا لائقًا ونظّم السفر؛ لا يدفع العامل تكاليفهما.',
          'سجّل العامل في الضمان الاجتماعي عند وصوله.',
        ],
        documents: ['تأشيرة أو تصريح عمل موسمي', 'جواز السفر', 'عقد موقّع للموسم'],
        obligations: ['توفير السكن', 'دفع تكاليف السفر', 'تسهيل العودة في نهاية الموسم'],
        incentives: ['يمكن إعادة توظيف من عمل موسمًا سابقًا بإجراءات أبسط'],
        help: ['مكتب البرنامج الموسمي في خدمة التوظيف العامة', 'جمعية أصحاب العمل الزراعيين'],
      },
    },
  },
  {
    ruleId: 'es-international-protection',
    hoursPerWeek: null,
    changeOfEmployer: 'free',
    durationMonths: null,
    reviewBy: '2027-06-30',
    text: {
      en: {
        allows: 'Work in any sector and occupation, for any employer, on the same terms as nationals.',
        steps: [
          'Check the protection document is valid.',
          'Offer a written contract.',
          'Register the worker with social security.',
        ],
        documents: ['Document of international protection', 'Social security number'],
        obligations: ['Equal pay and conditions', 'The worker pays no recruitment fee or cost'],
        incentives: ['Some regions fund hiring of refugees: ask the public employment service'],
        help: [
          'Refugee support organisations’ employment programmes',
          'Employer desk of the public employment service',
        ],
      },
      es: {
        allows:
          'Trabajo en cualquier sector y ocupación, para cualquier empleador, en las mismas condiciones que los nacionales.',
        steps: [
          'Compruebe que el documento de protección está vigente.',
          'Ofrezca un contrato por escrito.',
          'Dé de alta a la persona en la Seguridad Social.',
        ],
        documents: ['Documento de protección internacional', 'Número de la Seguridad Social'],
        obligations: ['Igualdad de salario y condiciones', 'La persona no paga tasas ni costes de contratación'],
        incentives: [
          'Algunas comunidades subvencionan la contratación de personas refugiadas: consulte al servicio público de empleo',
        ],
        help: [
          'Programas de empleo de las entidades de apoyo a refugiados',
          'Servicio de atención a empresas del servicio público de empleo',
        ],
      },
      fr: {
        allows:
          'Travail dans tout secteur et tout métier, pour tout employeur, aux mêmes conditions que les nationaux.',
        steps: [
          'Vérifiez que le document de protection est valide.',
          'Proposez un contrat écrit.',
          'Déclarez la personne à la sécurité sociale.',
        ],
        documents: ['Document de protection internationale', 'Numéro de sécurité sociale'],
        obligations: ['Égalité de salaire et de conditions', 'La personne ne paie aucun frais de recrutement'],
        incentives: ['Certaines régions financent l’embauche de réfugiés : demandez au service public de l’emploi'],
        help: [
          'Programmes emploi des associations d’aide aux réfugiés',
          'Service entreprises du service public de l’emploi',
        ],
      },
      ar: {
        allows: 'العمل في أي قطاع وأي مهنة، لدى أي صاحب عمل، بنفس شروط المواطنين.',
        steps: ['تحقق من سريان وثيقة الحماية.', 'قدّم عقدًا مكتوبًا.', 'سجّل العامل في الضمان الاجتماعي.'],
        documents: ['وثيقة الحماية الدولية', 'رقم الضمان الاجتماعي'],
        obligations: ['المساواة في الأجر والشروط', 'لا يدفع العامل أي رسوم أو تكاليف توظيف'],
        incentives: ['تموّل بعض المناطق توظيف اللاجئين: اسأل خدمة التوظيف العامة'],
        help: ['برامج التوظيف لدى منظمات دعم اللاجئين', 'مكتب أصحاب العمل في خدمة التوظيف العامة'],
      },
    },
  },
  {
    ruleId: 'es-resident',
    hoursPerWeek: null,
    changeOfEmployer: 'free',
    durationMonths: null,
    reviewBy: '2027-06-30',
    text: {
      en: {
        allows: 'Work in any sector and occupation, employed or self-employed, like a national.',
        steps: [
          'Check the long-term residence card.',
          'Offer a written contract.',
          'Register the worker with social security.',
        ],
        documents: ['Long-term residence card', 'Social security number'],
        obligations: ['Equal pay and conditions', 'The worker pays no recruitment fee or cost'],
        incentives: ['General hiring incentives apply as for any worker'],
        help: ['Employer desk of the public employment service'],
      },
      es: {
        allows: 'Trabajo en cualquier sector y ocupación, por cuenta ajena o propia, como un nacional.',
        steps: [
          'Compruebe la tarjeta de residencia de larga duración.',
          'Ofrezca un contrato por escrito.',
          'Dé de alta a la persona en la Seguridad Social.',
        ],
        documents: ['Tarjeta de residencia de larga duración', 'Número de la Seguridad Social'],
        obligations: ['Igualdad de salario y condiciones', 'La persona no paga tasas ni costes de contratación'],
        incentives: ['Se aplican las ayudas generales a la contratación'],
        help: ['Servicio de atención a empresas del servicio público de empleo'],
      },
      fr: {
        allows: 'Travail dans tout secteur et tout métier, salarié ou indépendant, comme un national.',
        steps: [
          'Vérifiez la carte de résident de longue durée.',
          'Proposez un contrat écrit.',
          'Déclarez la personne à la sécurité sociale.',
        ],
        documents: ['Carte de résident de longue durée', 'Numéro de sécurité sociale'],
        obligations: ['Égalité de salaire et de conditions', 'La personne ne paie aucun frais de recrutement'],
        incentives: ['Les aides générales à l’embauche s’appliquent'],
        help: ['Service entreprises du service public de l’emploi'],
      },
      ar: {
        allows: 'العمل في أي قطاع وأي مهنة، بأجر أو لحسابه الخاص، مثل المواطن.',
        steps: ['تحقق من بطاقة الإقامة طويلة الأمد.', 'قدّم عقدًا مكتوبًا.', 'سجّل العامل في الضمان الاجتماعي.'],
        documents: ['بطاقة الإقامة طويلة الأمد', 'رقم الضمان الاجتماعي'],
        obligations: ['المساواة في الأجر والشروط', 'لا يدفع العامل أي رسوم أو تكاليف توظيف'],
        incentives: ['تنطبق حوافز التوظيف العامة'],
        help: ['مكتب أصحاب العمل في خدمة التوظيف العامة'],
      },
    },
  },
  {
    ruleId: 'fr-work-general',
    hoursPerWeek: null,
    changeOfEmployer: 'with-authorisation',
    durationMonths: 12,
    reviewBy: '2027-06-30',
    text: {
      en: {
        allows: 'Salaried work in any sector, first for the employer named in the authorisation.',
        steps: [
          'Apply for the work authorisation online before hiring.',
          'Offer a written contract.',
          'Declare the hire before the first day.',
        ],
        documents: ['Work authorisation', 'Residence permit', 'Passport'],
        obligations: [
          'Pay at least the minimum wage or the agreement’s wage',
          'The worker pays no recruitment fee or cost',
        ],
        incentives: ['Ask the public employment service about hiring aid'],
        help: ['Employer desk of the public employment service'],
      },
      es: {
        allows: 'Trabajo por cuenta ajena en cualquier sector, primero para el empleador indicado en la autorización.',
        steps: [
          'Solicite la autorización de trabajo en línea antes de contratar.',
          'Ofrezca un contrato por escrito.',
          'Declare la contratación antes del primer día.',
        ],
        documents: ['Autorización de trabajo', 'Permiso de residencia', 'Pasaporte'],
        obligations: [
          'Pagar al menos el salario mínimo o el del convenio',
          'La persona no paga tasas ni costes de contratación',
        ],
        incentives: ['Consulte al servicio público de empleo las ayudas a la contratación'],
        help: ['Servicio de atención a empresas del servicio público de empleo'],
      },
      fr: {
        allows: 'Travail salarié dans tout secteur, d’abord pour l’employeur nommé dans l’autorisation.',
        steps: [
          'Demandez l’autorisation de travail en ligne avant l’embauche.',
          'Proposez un contrat écrit.',
          'Déclarez l’embauche avant le premier jour.',
        ],
        documents: ['Autorisation de travail', 'Titre de séjour', 'Passeport'],
        obligations: [
          'Payer au moins le SMIC ou le salaire conventionnel',
          'La personne ne paie aucun frais de recrutement',
        ],
        incentives: ['Demandez au service public de l’emploi les aides à l’embauche'],
        help: ['Service entreprises du service public de l’emploi'],
      },
      ar: {
        allows: 'العمل المأجور في أي قطاع، أولًا لدى صاحب العمل المذكور في الترخيص.',
        steps: ['اطلب ترخيص العمل عبر الإنترنت قبل التوظيف.', 'قدّم عقدًا مكتوبًا.', 'صرّح بالتوظيف قبل اليوم الأول.'],
        documents: ['ترخيص العمل', 'تصريح الإقامة', 'جواز السفر'],
        obligations: ['دفع الحد الأدنى للأجور أو أجر الاتفاقية على الأقل', 'لا يدفع العامل أي رسوم أو تكاليف توظيف'],
        incentives: ['اسأل خدمة التوظيف العامة عن مساعدات التوظيف'],
        help: ['مكتب أصحاب العمل في خدمة التوظيف العامة'],
      },
    },
  },
];
