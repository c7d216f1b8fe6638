// Seed eligibility rules. EXAMPLE DATA: plausible shapes of permit regimes, written to exercise the engine.
// They are not the law of any country and not legal advice; admins replace them with the rules that apply.
import type { EligibilityRule } from './model.js';

const rule = (
  id: string,
  country: string,
  permitType: string,
  sectors: string[],
  iscoPrefixes: string[],
  description: string,
): EligibilityRule => ({ id, country, permitType, sectors, iscoPrefixes, description, example: true });

export const EXAMPLE_RULES: EligibilityRule[] = [
  rule('es-resident', 'ES', 'resident', ['*'], [], 'Long-term resident: any sector, any occupation'),
  rule('es-work-general', 'ES', 'work-general', ['*'], [], 'Work permit (general): any sector'),
  rule(
    'es-seasonal',
    'ES',
    'seasonal',
    ['A', 'I'],
    ['6', '9'],
    'Seasonal permit: agriculture and hospitality, skilled agricultural or elementary occupations',
  ),
  rule(
    'es-highly-qualified',
    'ES',
    'highly-qualified',
    ['*'],
    ['1', '2', '3'],
    'Highly qualified professional: managers, professionals, technicians',
  ),
  rule(
    'es-international-protection',
    'ES',
    'international-protection',
    ['*'],
    [],
    'Refugee or subsidiary protection: any sector',
  ),
  rule(
    'es-student',
    'ES',
    'student',
    ['G', 'I', 'N'],
    ['4', '5', '9'],
    'Student permit: part-time work in retail, hospitality, support services',
  ),
  rule('fr-resident', 'FR', 'resident', ['*'], [], 'Resident card: any sector'),
  rule('fr-work-general', 'FR', 'work-general', ['*'], [], 'Employee permit: any sector'),
  rule(
    'fr-shortage',
    'FR',
    'shortage-occupation',
    ['A', 'C', 'F', 'H', 'I', 'Q'],
    [],
    'Shortage-occupation permit: listed sectors',
  ),
  rule('fr-seasonal', 'FR', 'seasonal', ['A'], ['6', '9'], 'Seasonal worker: agriculture'),
  rule(
    'fr-international-protection',
    'FR',
    'international-protection',
    ['*'],
    [],
    'Refugee or subsidiary protection: any sector',
  ),
  rule('pt-resident', 'PT', 'resident', ['*'], [], 'Residence permit: any sector'),
  rule('pt-work-general', 'PT', 'work-general', ['*'], [], 'Work visa: any sector'),
  rule('pt-job-seeker', 'PT', 'job-seeker', ['*'], [], 'Job-seeker visa: any sector while valid'),
  rule(
    'de-skilled-worker',
    'DE',
    'skilled-worker',
    ['*'],
    ['1', '2', '3', '4', '5', '6', '7', '8'],
    'Skilled worker with recognised qualification: skilled occupations',
  ),
  rule('de-resident', 'DE', 'resident', ['*'], [], 'Settlement permit: any sector'),
  rule('de-temporary-protection', 'DE', 'temporary-protection', ['*'], [], 'Temporary protection: any sector'),
];
