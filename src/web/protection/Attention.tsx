// What needs the advisor now: their overdue follow-ups and unread confidential reports from their cases. A
// component for the advisor's home (placed on the caseload screen until issue 10's advisor home takes it).
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApi } from '../useApi.js';
import { protectionApi } from './api.js';
import { casePath } from './CaseScreen.js';
import { useProtectionTranslation } from './messages.js';
import { day } from './parts.js';

export default function AttentionPanel() {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const state = useApi((signal) => protectionApi.attention(signal), []);
  return (
    <section aria-labelledby="attention-title" className="panel attention" data-part="attention">
      <h2 id="attention-title">{t('protection.attention.title')}</h2>
      <LoadStatus state={state} />
      {state.status === 'done' && (
        <>
          <h3>{t('protection.attention.overdue')}</h3>
          {state.data.overdue.length === 0 ? (
            <p className="muted">{t('protection.attention.nothingOverdue')}</p>
          ) : (
            <ul className="overdue-list">
              {state.data.overdue.map((f) => (
                <li key={f.id}>
                  <Link href={casePath(f.migrantId)} dir="auto">
                    {f.displayName}
                  </Link>
                  {': '}
                  <span dir="auto">
                    {t('protection.attention.overdueItem', { purpose: f.purpose, date: day(f.dueDate, lang) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {state.data.reports.length > 0 && (
            <>
              <h3>{t('protection.attention.reports')}</h3>
              <ul>
                {state.data.reports.map((r) => (
                  <li key={r.migrantId}>
                    <Link href={casePath(r.migrantId)}>
                      {t('protection.attention.reportItem', { name: r.displayName, count: r.count })}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
