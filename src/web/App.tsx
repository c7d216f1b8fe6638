import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onUnauthorised, setCsrfToken, type Session } from './api.js';
import { errorKey } from './errors.js';
import { adoptContactLanguage, hasSavedLanguage } from './i18n.js';
import { selfService } from './interview.js';
import { homePathFor, mayOpen } from './navigation.js';
import { navigate, parseRoute, useLocation } from './router.js';
import { AppFrame } from './components/AppFrame.js';
import { LanguageSwitch } from './components/LanguageSwitch.js';
import { ScreenHeading } from './components/Heading.js';
import { Link } from './components/Link.js';
import { SignIn } from './screens/SignIn.js';
import { Explorer } from './screens/Explorer.js';
import { OccupationScreen } from './screens/Occupation.js';
import { DescribeJob } from './screens/DescribeJob.js';
import { SkillScreen } from './screens/Skill.js';
import { ReferenceScreen } from './screens/Reference.js';
import { Caseload } from './screens/Caseload.js';
import { ProfileScreen } from './screens/ProfileScreen.js';
import { Vacancies } from './screens/Vacancies.js';
import { InterviewScreen, MyProfileScreen } from './screens/Interview.js';
import { MyDataScreen } from './screens/SelfService.js';
import { MyConsentsScreen } from './screens/Consent.js';
import { InvitationScreen, PasswordResetScreen } from './screens/AccountLinks.js';
import { ShortlistScreen } from './screens/Shortlist.js';
import { MyJobsScreen } from './screens/MyJobs.js';
import { clearDrafts } from './drafts.js';

// Staff screens load on first use, one chunk per area: a migrant's phone never downloads administration code.
const orgAdmin = () => import('./staff/OrgAdmin.js');
const platform = () => import('./staff/Platform.js');
const training = () => import('./staff/Training.js');
const vacancy = () => import('./staff/Vacancy.js');
const homes = () => import('./staff/Homes.js');
const Staff = {
  Users: lazy(() => orgAdmin().then((m) => ({ default: m.UsersScreen }))),
  Invitations: lazy(() => orgAdmin().then((m) => ({ default: m.InvitationsScreen }))),
  Audit: lazy(() => orgAdmin().then((m) => ({ default: m.AuditScreen }))),
  Organisations: lazy(() => platform().then((m) => ({ default: m.OrganisationsScreen }))),
  TaxonomyVersions: lazy(() => platform().then((m) => ({ default: m.TaxonomyVersionsScreen }))),
  TrainingOffers: lazy(() => training().then((m) => ({ default: m.TrainingOffersScreen }))),
  TrainingOffer: lazy(() => training().then((m) => ({ default: m.TrainingOfferScreen }))),
  Vacancy: lazy(() => vacancy().then((m) => ({ default: m.VacancyScreen }))),
  VacancyEdit: lazy(() => vacancy().then((m) => ({ default: m.VacancyEditScreen }))),
  Analysis: lazy(() => homes().then((m) => ({ default: m.AnalysisScreen }))),
};

// Protection screens (issue 14) load on first use; their strings travel with them.
const protection = {
  Case: lazy(() => import('./protection/CaseScreen.js')),
  Mine: lazy(() => import('./protection/MyProtection.js')),
  Team: lazy(() => import('./protection/Oversight.js').then((m) => ({ default: m.TeamScreen }))),
  FairRecruitment: lazy(() => import('./protection/Oversight.js').then((m) => ({ default: m.FairRecruitmentScreen }))),
  Guides: lazy(() => import('./protection/Guide.js').then((m) => ({ default: m.GuidesScreen }))),
};

// Recognition screens (issue 12) load on first use; their strings travel with them.
const recognition = {
  Queue: lazy(() => import('./recognition/Queue.js')),
  Case: lazy(() => import('./recognition/CaseScreen.js')),
  Qualifications: lazy(() => import('./recognition/Qualifications.js')),
  Mine: lazy(() => import('./recognition/Mine.js')),
};

// Labour-market screens (#13) and their chart library load only when opened: never on phones of other roles.
// The contact-request inbox (issue 10).
const InboxScreen = lazy(() => import('./screens/Inbox.js'));
const LabourMarketScreen = lazy(() => import('./screens/LabourMarket.js'));
const OpenDataScreen = lazy(() => import('./screens/OpenData.js'));
// Skills passport (issue 12): the verification page is public; all three load on first use.
const passport = {
  Verify: lazy(() => import('./passport/Verify.js')),
  Mine: lazy(() => import('./passport/MyPassport.js')),
  Staff: lazy(() => import('./passport/StaffPassport.js')),
};

type SessionState =
  | { status: 'loading' }
  | { status: 'error'; key: string }
  | { status: 'signedOut'; reason?: string }
  | { status: 'signedIn'; session: Session };

export function App() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const probe = useCallback(() => {
    setState({ status: 'loading' });
    api.me().then(
      (session) => setState(session ? { status: 'signedIn', session } : { status: 'signedOut' }),
      (err: unknown) => setState({ status: 'error', key: errorKey(err) }),
    );
  }, []);

  useEffect(probe, [probe]);

  // A migrant on a browser where nobody chose a language yet (a new phone): speak their stored contact language.
  const migrantSignedIn = state.status === 'signedIn' && state.session.user.role === 'migrant';
  useEffect(() => {
    if (!migrantSignedIn || hasSavedLanguage()) return;
    const ctrl = new AbortController();
    selfService.myProfile(ctrl.signal).then(
      (p) => adoptContactLanguage(i18n, p.contactLanguage),
      () => undefined, // no profile yet, or offline: keep the language as it is
    );
    return () => ctrl.abort();
  }, [migrantSignedIn, i18n]);
  useEffect(() => onUnauthorised(() => setState({ status: 'signedOut', reason: 'errors.unauthorised' })), []);

  const url = new URL(location, 'http://x');
  const route = parseRoute(url.pathname, url.search);
  // Invitation and password-reset links open without a session.
  const isAccountLink = route.name === 'invitation' || route.name === 'passwordReset';
  // The open-data page is public: signed out it shows in the signed-out frame, signed in inside the app.
  const isOpenData = route.name === 'openData' || route.name === 'verify';

  // Redirects between the sign-in screen and the app, keeping where the person wanted to go.
  useEffect(() => {
    if (state.status === 'signedOut' && route.name !== 'signIn' && !isAccountLink && !isOpenData) {
      const next = route.name === 'home' ? '' : `?next=${encodeURIComponent(location)}`;
      navigate(`/sign-in${next}`, { replace: true });
    } else if (state.status === 'signedIn' && (route.name === 'signIn' || route.name === 'home')) {
      const next = url.searchParams.get('next');
      const safe = next && next.startsWith('/') && !next.startsWith('//') ? next : null;
      navigate(safe ?? homePathFor(state.session.user.role), { replace: true });
    }
  });

  if (state.status === 'loading') {
    return (
      <p className="boot" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <main id="main" className="boot">
        <ScreenHeading title={t('app.name')}>{t('app.name')}</ScreenHeading>
        <p role="alert">{t(state.key)}</p>
        <button type="button" onClick={probe}>
          {t('app.retry')}
        </button>
      </main>
    );
  }
  if (isAccountLink) {
    const signedIn = (session: Session) => {
      setState({ status: 'signedIn', session });
      navigate(session.user.role === 'migrant' ? '/me/profile' : homePathFor(session.user.role), { replace: true });
    };
    return (
      <SignedOutPage>
        {route.name === 'invitation' ? <InvitationScreen onSignedIn={signedIn} /> : <PasswordResetScreen />}
      </SignedOutPage>
    );
  }
  if (state.status === 'signedOut' && isOpenData) {
    return (
      <SignedOutPage>
        <main id="main">
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            {route.name === 'verify' ? <passport.Verify /> : <OpenDataScreen />}
          </Suspense>
        </main>
      </SignedOutPage>
    );
  }
  if (state.status === 'signedOut') {
    if (route.name !== 'signIn') return null; // redirect pending
    return (
      <SignedOutPage>
        <SignIn
          notice={state.reason ? t(state.reason) : undefined}
          onSignedIn={(session) => setState({ status: 'signedIn', session })}
        />
      </SignedOutPage>
    );
  }

  const { session } = state;
  const signOut = async () => {
    try {
      await api.signOut();
    } finally {
      clearDrafts(); // unsaved answers belong to the person who typed them
      // A deliberate sign-out starts afresh, without a "return to" address.
      navigate('/sign-in', { replace: true });
      setState({ status: 'signedOut' });
    }
  };

  let screen: React.ReactNode = null;
  if (!mayOpen(session.user.role, route.name)) screen = <NotFound forbidden />;
  else if (route.name === 'explorer')
    screen = <Explorer key="explorer" initialQuery={route.query} initialType={route.type} />;
  else if (route.name === 'occupation') screen = <OccupationScreen key={route.id} id={route.id} />;
  else if (route.name === 'skill') screen = <SkillScreen key={route.id} id={route.id} />;
  else if (route.name === 'describe')
    screen = <DescribeJob role={session.user.role} profileId={url.searchParams.get('profile')} />;
  else if (route.name === 'caseload') screen = <Caseload key={route.filter} filter={route.filter} />;
  else if (route.name === 'profile') screen = <ProfileScreen key={route.id} id={route.id} />;
  else if (route.name === 'interview') screen = <InterviewScreen key={route.id} id={route.id} />;
  else if (route.name === 'myProfile') screen = <MyProfileScreen />;
  else if (route.name === 'myJobs') screen = <MyJobsScreen />;
  else if (route.name === 'myConsents') screen = <MyConsentsScreen migrantId={session.migrantId ?? null} />;
  else if (route.name === 'myData')
    screen = (
      <MyDataScreen
        onErased={() => {
          // The server closed the account and cleared the cookie: back to sign-in, saying why.
          setCsrfToken(null);
          clearDrafts();
          navigate('/sign-in', { replace: true });
          setState({ status: 'signedOut', reason: 'me.erased' });
        }}
      />
    );
  else if (route.name === 'vacancies') screen = <Vacancies role={session.user.role} />;
  else if (route.name === 'shortlist')
    screen = <ShortlistScreen key={route.vacancyId} vacancyId={route.vacancyId} role={session.user.role} />;
  else if (route.name === 'inbox') screen = <InboxScreen role={session.user.role} />;
  else if (route.name === 'reference') screen = <ReferenceScreen />;
  else if (route.name === 'labourMarket' || route.name === 'openData')
    screen = (
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        {route.name === 'labourMarket' ? <LabourMarketScreen role={session.user.role} /> : <OpenDataScreen />}
      </Suspense>
    );
  else if (route.name === 'notFound') screen = <NotFound />;
  // Staff screens (issue 10).
  else if (route.name === 'orgUsers') screen = <Staff.Users user={session.user} />;
  else if (route.name === 'orgInvitations') screen = <Staff.Invitations user={session.user} />;
  else if (route.name === 'orgAudit') screen = <Staff.Audit user={session.user} />;
  else if (route.name === 'organisations') screen = <Staff.Organisations />;
  else if (route.name === 'taxonomyVersions') screen = <Staff.TaxonomyVersions />;
  else if (route.name === 'trainingOffers') screen = <Staff.TrainingOffers />;
  else if (route.name === 'trainingOffer') screen = <Staff.TrainingOffer key={route.id} id={route.id} />;
  else if (route.name === 'vacancy') screen = <Staff.Vacancy key={route.id} id={route.id} role={session.user.role} />;
  else if (route.name === 'vacancyEdit') screen = <Staff.VacancyEdit key={route.id} id={route.id} />;
  else if (route.name === 'analysis') screen = <Staff.Analysis />;
  // Protection (issue 14).
  else if (route.name === 'protectionCase')
    screen = <protection.Case key={route.id} id={route.id} userId={session.user.id} />;
  else if (route.name === 'myProtection') screen = <protection.Mine migrantId={session.migrantId ?? null} />;
  else if (route.name === 'protectionTeam') screen = <protection.Team />;
  else if (route.name === 'fairRecruitment') screen = <protection.FairRecruitment />;
  else if (route.name === 'guides') screen = <protection.Guides key={route.country} country={route.country} />;
  // Recognition (issue 12).
  else if (route.name === 'recognition') screen = <recognition.Queue />;
  else if (route.name === 'recognitionCase') screen = <recognition.Case key={route.id} id={route.id} />;
  else if (route.name === 'qualifications') screen = <recognition.Qualifications key={route.id} id={route.id} />;
  else if (route.name === 'myQualifications') screen = <recognition.Mine migrantId={session.migrantId ?? null} />;
  // Skills passport (issue 12).
  else if (route.name === 'verify') screen = <passport.Verify />;
  else if (route.name === 'myPassport') screen = <passport.Mine migrantId={session.migrantId ?? null} />;
  else if (route.name === 'passport') screen = <passport.Staff key={route.id} id={route.id} />;

  return (
    <AppFrame user={session.user} route={route.name} onSignOut={signOut}>
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>{screen}</Suspense>
    </AppFrame>
  );
}

function NotFound({ forbidden = false }: { forbidden?: boolean }) {
  const { t } = useTranslation();
  const title = forbidden ? t('errors.forbidden') : t('app.notFoundTitle');
  return (
    <section className="screen">
      <ScreenHeading title={title}>{title}</ScreenHeading>
      {!forbidden && <p>{t('app.notFoundBody')}</p>}
      <p>
        <Link href="/">{t('app.goHome')}</Link>
      </p>
    </section>
  );
}

/** Sign-in and the one-time-link pages: no navigation, only the name and the language switch. */
function SignedOutPage({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="signin-page">
      <header className="signin-header">
        <span className="brand">{t('app.name')}</span>
        <Link href="/open-data">{t('nav.openData')}</Link>
        <Link href="/verify">{t('nav.verifyPassport')}</Link>
        <LanguageSwitch />
      </header>
      {children}
    </div>
  );
}
