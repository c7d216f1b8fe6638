import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../api.js';
import { formatDate } from '../i18n.js';
import { navigationFor } from '../navigation.js';
import { useUnreadCount } from '../contact.js';
import type { Route } from '../router.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { Link } from './Link.js';

export function roleLabelKey(role: string): string {
  const known = [
    'migrant',
    'advisor',
    'employer',
    'training_provider',
    'assessor',
    'analyst',
    'labour_inspector',
    'org_admin',
    'platform_admin',
  ];
  return `roles.${known.includes(role) ? role : 'unknown'}`;
}

export function AppFrame(props: { user: User; route: Route['name']; onSignOut(): void; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const items = navigationFor(props.user.role);
  // On a phone the menu folds behind one button, so the screen starts near the top (not under 8 links).
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [props.route]);
  const current = items.find((item) => item.routes.includes(props.route));
  // Contact requests waiting: on the inbox link, and on the menu button when the menu is folded (phones).
  const unread = useUnreadCount(props.user.role, props.route) ?? 0;
  const unreadText = unread > 0 ? t('contact.navUnread', { count: unread }) : '';
  return (
    <div className={`frame ${menuOpen ? 'menu-open' : ''}`}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
        <button
          type="button"
          className="secondary menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="app-menu app-tools"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰ </span>
          {t('app.menu')}
          {current && <span className="menu-current"> · {t(`nav.${current.key}`)}</span>}
          {unread > 0 && <span className="badge unread"> {unreadText}</span>}
        </button>
        <div id="app-tools" className="topbar-tools">
          <LanguageSwitch />
          <p className="who">
            {t('app.signedInAs', { name: props.user.name, role: t(roleLabelKey(props.user.role)) })}
          </p>
          <button type="button" className="secondary signout" onClick={props.onSignOut}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <nav id="app-menu" className="mainnav" aria-label={t('app.mainNav')}>
        <ul>
          {items.map((item) => (
            <li key={item.key}>
              <Link href={item.path} aria-current={item.routes.includes(props.route) ? 'page' : undefined}>
                {t(`nav.${item.key}`)}
                {item.key === 'inbox' && unread > 0 && <span className="badge unread"> {unreadText}</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <footer className="footer">
        <p>{t('app.today', { date: formatDate(new Date(), i18n.language) })}</p>
        <p>{t('app.escoAttribution')}</p>
      </footer>
    </div>
  );
}
