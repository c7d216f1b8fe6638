import { describe, expect, it } from 'vitest';
import { ROLES } from '../kernel/auth.js';
import { homePathFor, mayOpen, navigationFor } from './navigation.js';
import { parseRoute } from './router.js';

describe('navigation by role', () => {
  it('gives every role the ESCO explorer in the menu, and staff roles a start page of their own', () => {
    for (const role of ROLES) expect(navigationFor(role).map((i) => i.key)).toContain('explorer');
    expect(homePathFor('advisor')).toBe('/caseload');
    expect(homePathFor('org_admin')).toBe('/admin/users');
    expect(homePathFor('platform_admin')).toBe('/platform/organisations');
    expect(homePathFor('training_provider')).toBe('/training');
    expect(homePathFor('employer')).toBe('/vacancies');
    expect(homePathFor('analyst')).toBe('/labour-market');
    expect(homePathFor('assessor')).toBe('/recognition');
  });

  it('opens staff screens to the roles whose API they call, and keeps them from the others', () => {
    expect(navigationFor('org_admin').map((i) => i.key)).toEqual(
      expect.arrayContaining(['orgUsers', 'orgInvitations', 'orgAudit', 'trainingOffers']),
    );
    expect(navigationFor('platform_admin').map((i) => i.key)).toEqual(
      expect.arrayContaining(['organisations', 'taxonomyVersions', 'orgAudit', 'analysis']),
    );
    for (const role of ['migrant', 'advisor', 'employer', 'analyst', 'assessor', 'training_provider']) {
      for (const route of ['orgUsers', 'orgInvitations', 'orgAudit', 'organisations', 'taxonomyVersions'] as const)
        expect(mayOpen(role, route), `${role} ${route}`).toBe(false);
    }
    expect(mayOpen('migrant', 'vacancyEdit')).toBe(false);
    expect(mayOpen('advisor', 'vacancyEdit')).toBe(false);
    expect(mayOpen('employer', 'vacancyEdit')).toBe(true);
    expect(mayOpen('migrant', 'vacancy')).toBe(true);
    expect(mayOpen('training_provider', 'trainingOffer')).toBe(true);
    expect(mayOpen('advisor', 'analysis')).toBe(false);
    // "Publish a vacancy" is reached from the vacancies screen, not the menu.
    expect(navigationFor('employer').map((i) => i.key)).not.toContain('publishVacancy');
  });

  it('starts a migrant at their own profile, then jobs for them, not at the explorer', () => {
    expect(homePathFor('migrant')).toBe('/me/profile');
    expect(navigationFor('migrant').map((i) => i.key)).toEqual([
      'myProfile',
      'myJobs',
      'myConsents',
      'myProtection',
      'myQualifications',
      'myPassport',
      'myData',
      'explorer',
      'describe',
      'inbox',
      'reference',
    ]);
    expect(mayOpen('migrant', 'myJobs')).toBe(true);
    expect(mayOpen('advisor', 'myJobs')).toBe(false);
    expect(parseRoute('/me/jobs', '')).toEqual({ name: 'myJobs' });
  });

  it('offers "describe a job" to people who profile or post work, not to analysts', () => {
    expect(navigationFor('advisor').map((i) => i.key)).toEqual([
      'explorer',
      'describe',
      'caseload',
      'vacancies',
      'inbox',
      'team',
      'reference',
      'labourMarket',
    ]);
    expect(navigationFor('employer').map((i) => i.key)).toEqual([
      'explorer',
      'describe',
      'vacancies',
      'inbox',
      'reference',
    ]);
    expect(parseRoute('/inbox', '')).toEqual({ name: 'inbox' });
    expect(mayOpen('analyst', 'inbox')).toBe(false);
    expect(navigationFor('assessor').map((i) => i.key)).toEqual(['explorer', 'describe', 'recognition', 'reference']);
    expect(mayOpen('employer', 'profile')).toBe(false);
    expect(mayOpen('org_admin', 'caseload')).toBe(true);
    expect(navigationFor('analyst').map((i) => i.key)).toEqual([
      'explorer',
      'vacancies',
      'analysis',
      'reference',
      'labourMarket',
    ]);
    // Labour-market figures: staff who read them; never employers' screens or migrants'.
    expect(mayOpen('migrant', 'labourMarket')).toBe(false);
    expect(mayOpen('employer', 'labourMarket')).toBe(false);
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
    const id = '0a4e8a1b-0000-4000-8000-000000000001';
    expect(parseRoute(`/vacancies/${id.toUpperCase()}`, '')).toEqual({ name: 'vacancy', id });
    expect(parseRoute(`/vacancies/${id}/edit`, '')).toEqual({ name: 'vacancyEdit', id });
    expect(parseRoute('/vacancies/new', '')).toEqual({ name: 'vacancyEdit', id: null });
    expect(parseRoute(`/vacancies/${id}/candidates`, '')).toEqual({ name: 'shortlist', vacancyId: id });
    expect(parseRoute('/training/new', '')).toEqual({ name: 'trainingOffer', id: null });
    expect(parseRoute(`/training/${id}`, '')).toEqual({ name: 'trainingOffer', id });
    expect(parseRoute('/training/not-an-id', '')).toEqual({ name: 'notFound' });
    expect(parseRoute('/admin/audit', '')).toEqual({ name: 'orgAudit' });
  });
});
