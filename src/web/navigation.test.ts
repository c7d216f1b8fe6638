import { describe, expect, it } from 'vitest';
import { ROLES } from '../kernel/auth.js';
import { homePathFor, mayOpen, navigationFor } from './navigation.js';
import { parseRoute } from './router.js';

describe('navigation by role', () => {
  it('gives every role the ESCO explorer as a start', () => {
    for (const role of ROLES) {
      expect(navigationFor(role).map((i) => i.key)).toContain('explorer');
      expect(homePathFor(role)).toBe('/explorer');
    }
  });

  it('offers "describe a job" to people who profile or post work, not to analysts', () => {
    expect(navigationFor('advisor').map((i) => i.key)).toEqual([
      'explorer',
      'describe',
      'caseload',
      'vacancies',
      'team',
      'reference',
    ]);
    expect(navigationFor('employer').map((i) => i.key)).toEqual(['explorer', 'describe', 'vacancies', 'reference']);
    expect(navigationFor('assessor').map((i) => i.key)).toEqual(['explorer', 'describe', 'reference']);
    expect(mayOpen('employer', 'profile')).toBe(false);
    expect(mayOpen('org_admin', 'caseload')).toBe(true);
    expect(navigationFor('analyst').map((i) => i.key)).toEqual(['explorer', 'vacancies', 'reference']);
    expect(mayOpen('analyst', 'describe')).toBe(false);
    expect(mayOpen('analyst', 'occupation')).toBe(true);
    expect(mayOpen('advisor', 'describe')).toBe(true);
  });

  it('gives the person their rights and fees, a supervisor the team, an inspector the register only', () => {
    expect(navigationFor('migrant').map((i) => i.key)).toContain('myProtection');
    expect(navigationFor('labour_inspector').map((i) => i.key)).toEqual(['explorer', 'fairRecruitment', 'reference']);
    expect(mayOpen('employer', 'protectionCase')).toBe(false);
    expect(mayOpen('labour_inspector', 'protectionTeam')).toBe(false);
    expect(mayOpen('org_admin', 'protectionCase')).toBe(true);
    expect(parseRoute('/caseload/0A4E8A1B-0000-4000-8000-000000000001/case', '')).toEqual({
      name: 'protectionCase',
      id: '0a4e8a1b-0000-4000-8000-000000000001',
    });
    expect(parseRoute('/protection/guides', '?country=es')).toEqual({ name: 'guides', country: 'ES' });
  });
});

describe('routes', () => {
  it('reads screens and search parameters from the address', () => {
    expect(parseRoute('/', '')).toEqual({ name: 'home' });
    expect(parseRoute('/sign-in', '?next=%2Fdescribe')).toEqual({ name: 'signIn' });
    expect(parseRoute('/explorer/', '?q=cook&type=occupation')).toEqual({
      name: 'explorer',
      query: 'cook',
      type: 'occupation',
    });
    expect(parseRoute('/explorer', '?q=x&type=bogus')).toEqual({ name: 'explorer', query: 'x', type: undefined });
    expect(parseRoute('/explorer/occupations/0A4E8A1B-0000-4000-8000-000000000001', '')).toEqual({
      name: 'occupation',
      id: '0a4e8a1b-0000-4000-8000-000000000001',
    });
    expect(parseRoute('/explorer/occupations/not-a-uuid', '')).toEqual({ name: 'notFound' });
    expect(parseRoute('/explorer/skills/B0F3C1D2-0000-4000-8000-00000000000A', '')).toEqual({
      name: 'skill',
      id: 'b0f3c1d2-0000-4000-8000-00000000000a',
    });
    expect(parseRoute('/explorer/skills/S1.2', '')).toEqual({ name: 'notFound' });
    expect(parseRoute('/describe', '')).toEqual({ name: 'describe' });
    expect(parseRoute('/reference', '')).toEqual({ name: 'reference' });
    expect(parseRoute('/vacancies', '')).toEqual({ name: 'vacancies' });
    expect(parseRoute('/caseload', '?name=Sam')).toEqual({ name: 'caseload', filter: 'Sam' });
    expect(parseRoute('/caseload/0a4e8a1b-0000-4000-8000-000000000001', '')).toEqual({
      name: 'profile',
      id: '0a4e8a1b-0000-4000-8000-000000000001',
    });
    expect(parseRoute('/nowhere', '')).toEqual({ name: 'notFound' });
  });
});
