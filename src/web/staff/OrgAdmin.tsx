// An organisation admin's screens: the organisation's user accounts (disable, enable, unlock, a password-reset
// link to hand over), invitations (create with a role, the one-time link to copy, revoke) and the audit log.
import { useState, type FormEvent } from 'react';
import { useStaffTranslation as useTranslation } from './messages.js';
import { ApiError, type User } from '../api.js';
import { roleLabelKey } from '../components/AppFrame.js';
import { languageName } from '../i18n.js';
import { readAuditReason } from '../../shared/audit-reasons.js';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { errorKey } from '../errors.js';
import { useApi } from '../useApi.js';
import type { Role } from '../../identity/index.js';
import { staffApi, type AuditEntry, type AuditQuery, type Invitation, type UserSummary } from './api.js';
import { CopyLink, FieldError, FormStatus, useForm, useServerError, type Outcome } from './form.js';

/** Roles an org admin may hand out (the server's INVITABLE_BY_ORG_ADMIN). */
export const INVITABLE_ROLES = [
  'advisor',
  'employer',
  'training_provider',
  'migrant',
  'assessor',
  'analyst',
  'org_admin',
] as const satisfies readonly Role[];

function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

// ---- users ----

export function UsersScreen({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const [reload, setReload] = useState(0);
  const users = useApi((signal) => staffApi.users(user.organisationId, signal), [user.organisationId, reload]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [reset, setReset] = useState<{ name: string; url: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function act(u: UserSummary, action: 'disable' | 'enable' | 'unlock' | 'reset') {
    setBusy(u.id);
    setOutcome(null);
    setReset(null);
    try {
      if (action === 'reset') {
        const r = await staffApi.passwordReset(u.id);
        setReset({ name: u.name, url: r.resetUrl, expiresAt: r.expiresAt });
      } else {
        if (action === 'unlock') await staffApi.unlock(u.id);
        else await staffApi.setDisabled(u.id, action === 'disable');
        const done = {
          disable: 'staff.users.disabledDone',
          enable: 'staff.users.enabledDone',
          unlock: 'staff.users.unlockedDone',
        };
        setOutcome({ kind: 'ok', text: t(done[action], { name: u.name }) });
        setReload((n) => n + 1);
      }
    } catch (err) {
      setOutcome({ kind: 'error', text: t(errorKey(err)) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="screen staff" data-screen="org-users">
      <ScreenHeading title={`${t('staff.users.title')} · ${t('app.name')}`}>{t('staff.users.title')}</ScreenHeading>
      <p>{t('staff.users.intro')}</p>
      <FormStatus outcome={outcome} />
      {reset && (
        <section className="panel" aria-labelledby="reset-heading">
          <h2 id="reset-heading">{t('staff.users.resetHeading', { name: reset.name })}</h2>
          <CopyLink
            key={reset.url}
            id="reset-link"
            label={t('staff.users.resetLabel')}
            link={reset.url}
            note={t('staff.users.resetNote', { date: formatDateTime(reset.expiresAt, i18n.language) })}
          />
        </section>
      )}
      <LoadStatus state={users} />
      {users.status === 'done' && (
        <div className="table-scroll" role="region" aria-labelledby="users-caption" tabIndex={0}>
          <table>
            <caption id="users-caption">{t('staff.users.count', { count: users.data.users.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.users.name')}</th>
                <th scope="col">{t('staff.users.role')}</th>
                <th scope="col">{t('staff.users.status')}</th>
                <th scope="col">{t('staff.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <span dir="auto">{u.name}</span>
                    {u.id === user.id && <span className="muted"> {t('staff.users.you')}</span>}
                    <br />
                    <span className="muted" dir="ltr">
                      {u.email}
                    </span>
                  </th>
                  <td>{t(roleLabelKey(u.role))}</td>
                  <td>
                    {u.disabled ? (
                      <span className="badge rejected">{t('staff.users.disabled')}</span>
                    ) : u.locked ? (
                      <span className="badge rejected">{t('staff.users.locked')}</span>
                    ) : (
                      <span className="badge confirmed">{t('staff.users.active')}</span>
                    )}
                    {u.totpEnabled && <span className="badge">{t('staff.users.twoStep')}</span>}
                  </td>
                  <td className="actions">
                    {u.id !== user.id && (
                      <button
                        type="button"
                        className="secondary small"
                        disabled={busy === u.id}
                        aria-label={t(u.disabled ? 'staff.users.enableWho' : 'staff.users.disableWho', {
                          name: u.name,
                        })}
                        onClick={() => act(u, u.disabled ? 'enable' : 'disable')}
                      >
                        {u.disabled ? t('staff.users.enable') : t('staff.users.disable')}
                      </button>
                    )}
                    {u.locked && (
                      <button
                        type="button"
                        className="secondary small"
                        disabled={busy === u.id}
                        aria-label={t('staff.users.unlockWho', { name: u.name })}
                        onClick={() => act(u, 'unlock')}
                      >
                        {t('staff.users.unlock')}
                      </button>
                    )}
                    {u.id !== user.id && !u.disabled && (
                      <button
                        type="button"
                        className="secondary small"
                        disabled={busy === u.id}
                        aria-label={t('staff.users.resetWho', { name: u.name })}
                        onClick={() => act(u, 'reset')}
                      >
                        {t('staff.users.reset')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// ---- invitations ----

export function InvitationsScreen({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const [reload, setReload] = useState(0);
  const list = useApi((signal) => staffApi.invitations(user.organisationId, signal), [user.organisationId, reload]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [created, setCreated] = useState<{ name: string; url: string } | null>(null);

  async function revoke(inv: Invitation) {
    setOutcome(null);
    try {
      await staffApi.revokeInvitation(user.organisationId, inv.id);
      setOutcome({ kind: 'ok', text: t('staff.invitations.revoked', { name: inv.name }) });
      setReload((n) => n + 1);
    } catch (err) {
      setOutcome({ kind: 'error', text: t(errorKey(err)) });
    }
  }

  const now = Date.now();
  return (
    <section className="screen staff" data-screen="org-invitations">
      <ScreenHeading title={`${t('staff.invitations.title')} · ${t('app.name')}`}>
        {t('staff.invitations.title')}
      </ScreenHeading>
      <p>{t('staff.invitations.intro')}</p>
      <InviteForm
        organisationId={user.organisationId}
        roles={INVITABLE_ROLES}
        idPrefix="invite"
        heading={t('staff.invitations.newHeading')}
        onCreated={(name, url) => {
          setCreated({ name, url });
          setReload((n) => n + 1);
        }}
      />
      {created && (
        <section className="panel" aria-labelledby="invite-link-heading">
          <h2 id="invite-link-heading">{t('staff.invitations.linkHeading', { name: created.name })}</h2>
          <CopyLink
            key={created.url}
            id="invite-link"
            label={t('staff.invitations.linkLabel')}
            link={created.url}
            note={t('staff.invitations.linkNote')}
          />
        </section>
      )}
      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t('staff.invitations.listHeading')}</h2>
        <FormStatus outcome={outcome} />
        <LoadStatus state={list} />
        {list.status === 'done' &&
          (list.data.invitations.length === 0 ? (
            <p className="muted">{t('staff.invitations.none')}</p>
          ) : (
            <ul className="cards">
              {list.data.invitations.map((inv) => {
                const expired = !inv.acceptedAt && new Date(inv.expiresAt).getTime() <= now;
                const state = inv.acceptedAt ? 'accepted' : expired ? 'expired' : 'pending';
                return (
                  <li key={inv.id} className="card">
                    <div className="card-title">
                      <span dir="auto">{inv.name}</span>
                      <span className={`badge ${state === 'accepted' ? 'confirmed' : ''}`}>
                        {t(`staff.invitations.${state}`)}
                      </span>
                    </div>
                    <p className="codes">
                      <span dir="ltr">{inv.email}</span>
                      <span>{t(roleLabelKey(inv.role))}</span>
                      {state === 'pending' && (
                        <span>
                          {t('staff.invitations.expires', { date: formatDateTime(inv.expiresAt, i18n.language) })}
                        </span>
                      )}
                    </p>
                    {state === 'pending' && (
                      <p>
                        <button
                          type="button"
                          className="secondary small"
                          aria-label={t('staff.invitations.revokeWho', { name: inv.name })}
                          onClick={() => revoke(inv)}
                        >
                          {t('staff.invitations.revoke')}
                        </button>
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          ))}
      </section>
    </section>
  );
}

/** Name, email and role → an invitation; the caller shows the link. Shared with the platform admin's screen. */
export function InviteForm(props: {
  organisationId: string;
  roles: readonly Role[];
  idPrefix: string;
  heading: string;
  onCreated(name: string, acceptUrl: string): void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | ''>(props.roles.length === 1 ? props.roles[0]! : '');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const id = (f: string) => `${props.idPrefix}-${f}`;
  const serverError = useServerError(
    form,
    { 'body.email': id('email'), 'body.name': id('name'), 'body.role': id('role') },
    { 'body.email': t('staff.invitations.emailInvalid') },
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    const errors: Record<string, string> = {};
    if (!name.trim()) errors[id('name')] = t('staff.form.required');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) errors[id('email')] = t('staff.invitations.emailInvalid');
    if (!role) errors[id('role')] = t('staff.invitations.chooseRole');
    if (form.fail(errors) || !role) return;
    setBusy(true);
    try {
      const r = await staffApi.invite(props.organisationId, { name: name.trim(), email: email.trim(), role });
      props.onCreated(r.invitation.name, r.acceptUrl);
      setOutcome({ kind: 'ok', text: t('staff.invitations.created', { name: r.invitation.name }) });
      setName('');
      setEmail('');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'email_taken') {
        form.fail({ [id('email')]: t('staff.invitations.emailTaken') });
      } else {
        const text = serverError(err);
        if (text) setOutcome({ kind: 'error', text });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={id('heading')}>
      <h2 id={id('heading')}>{props.heading}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={id('name')}>{t('staff.invitations.name')}</label>
          <input
            type="text"
            dir="auto"
            maxLength={200}
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...form.field(id('name'))}
          />
          <FieldError form={form} id={id('name')} />
        </div>
        <div className="field">
          <label htmlFor={id('email')}>{t('staff.invitations.email')}</label>
          <input
            type="email"
            dir="ltr"
            maxLength={320}
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            {...form.field(id('email'))}
          />
          <FieldError form={form} id={id('email')} />
        </div>
        {props.roles.length > 1 && (
          <div className="field">
            <label htmlFor={id('role')}>{t('staff.invitations.role')}</label>
            <select
              value={role}
              onChange={(e) => setRole(props.roles.find((r) => r === e.target.value) ?? '')}
              {...form.field(id('role'))}
            >
              <option value="">{t('staff.invitations.chooseRole')}</option>
              {props.roles.map((r) => (
                <option key={r} value={r}>
                  {t(roleLabelKey(r))}
                </option>
              ))}
            </select>
            <FieldError form={form} id={id('role')} />
          </div>
        )}
        <FormStatus outcome={outcome} />
        <button type="submit" disabled={busy}>
          {t('staff.invitations.send')}
        </button>
      </form>
    </section>
  );
}

// ---- audit log ----

/** The kinds of record the audit screen's filter offers. */
const AUDIT_ENTITIES = [
  'app_user',
  'invitation',
  'organisation',
  'profile',
  'consent',
  'vacancy',
  'training_offer',
  'taxonomy_version',
  'password_reset',
  'user_session',
  'migrant',
  'audit_log',
];
const PAGE = 50;

export function AuditScreen({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const people = useApi((signal) => staffApi.users(user.organisationId, signal), [user.organisationId]);
  const [draft, setDraft] = useState<AuditQuery>({});
  const [query, setQuery] = useState<AuditQuery>({});
  const [pages, setPages] = useState<AuditEntry[][]>([]);
  const first = useApi(
    (signal) => staffApi.audit({ ...query, limit: PAGE }, signal).then((r) => r.entries),
    [query.entity, query.entityId, query.actorUserId],
  );
  const [more, setMore] = useState<Outcome>(null);
  const entries = first.status === 'done' ? [first.data, ...pages].flat() : [];
  const last = pages.length ? pages[pages.length - 1]! : first.status === 'done' ? first.data : [];
  const names = new Map((people.status === 'done' ? people.data.users : []).map((u) => [u.id, u.name]));

  function apply(e: FormEvent) {
    e.preventDefault();
    setPages([]);
    setMore(null);
    setQuery({
      entity: draft.entity || undefined,
      entityId: draft.entityId?.trim() || undefined,
      actorUserId: draft.actorUserId || undefined,
    });
  }

  async function older() {
    const oldest = entries[entries.length - 1];
    if (!oldest) return;
    try {
      const r = await staffApi.audit({ ...query, before: oldest.id, limit: PAGE });
      setPages((p) => [...p, r.entries]);
      setMore(r.entries.length === 0 ? { kind: 'ok', text: t('staff.audit.noOlder') } : null);
    } catch (err) {
      setMore({ kind: 'error', text: t(errorKey(err)) });
    }
  }

  // Entities, actions, field names and reasons as the server records them, said in the reader's language; what has
  // no label (a newer server's code, text no template makes) is shown as recorded.
  const word = (group: 'entities' | 'actions' | 'fieldNames', code: string) => {
    const key = `staff.audit.${group}.${code.replace(/\./g, '_')}`;
    return i18n.exists(key) ? t(key) : code;
  };
  const fieldList = (codes: string[]) =>
    new Intl.ListFormat(i18n.language, { type: 'unit' }).format(codes.map((c) => word('fieldNames', c)));
  const reasonText = (text: string) => {
    const reason = readAuditReason(text);
    const key = reason && `staff.audit.reasonTexts.${reason.code}`;
    if (!key || !i18n.exists(key)) return text;
    const v = reason.values;
    const purpose = v.purpose && `consent.purposeTitles.${v.purpose}`;
    // Ids and numbers kept left to right inside a right-to-left sentence (first-strong isolate … pop).
    const isolated = Object.fromEntries(Object.entries(v).map(([name, value]) => [name, `\u2068${value}\u2069`]));
    return t(key, {
      ...isolated,
      ...(purpose && i18n.exists(purpose) ? { purpose: t(purpose) } : {}),
      ...(v.role ? { role: t(roleLabelKey(v.role)) } : {}),
      ...(v.lang ? { lang: languageName(v.lang, i18n.language) } : {}),
    });
  };

  return (
    <section className="screen staff" data-screen="org-audit">
      <ScreenHeading title={`${t('staff.audit.title')} · ${t('app.name')}`}>{t('staff.audit.title')}</ScreenHeading>
      <p>{t('staff.audit.intro')}</p>
      <form className="panel filters" onSubmit={apply} aria-labelledby="audit-filters">
        <h2 id="audit-filters">{t('staff.audit.filters')}</h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor="audit-entity">{t('staff.audit.entity')}</label>
            <select
              id="audit-entity"
              value={draft.entity ?? ''}
              onChange={(e) => setDraft({ ...draft, entity: e.target.value })}
            >
              <option value="">{t('staff.audit.anyEntity')}</option>
              {AUDIT_ENTITIES.map((x) => (
                <option key={x} value={x}>
                  {t(`staff.audit.entities.${x}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-entity-id">{t('staff.audit.entityId')}</label>
            <input
              id="audit-entity-id"
              type="text"
              dir="ltr"
              maxLength={128}
              value={draft.entityId ?? ''}
              onChange={(e) => setDraft({ ...draft, entityId: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="audit-actor">{t('staff.audit.actor')}</label>
            <select
              id="audit-actor"
              value={draft.actorUserId ?? ''}
              onChange={(e) => setDraft({ ...draft, actorUserId: e.target.value })}
            >
              <option value="">{t('staff.audit.anyActor')}</option>
              {people.status === 'done' &&
                people.data.users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          </div>
        </div>
        <button type="submit">{t('staff.audit.apply')}</button>
      </form>
      <LoadStatus state={first} />
      {first.status === 'done' &&
        (entries.length === 0 ? (
          <p className="muted">{t('staff.audit.none')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
            <table>
              <caption id="audit-caption">{t('staff.audit.count', { count: entries.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.audit.when')}</th>
                  <th scope="col">{t('staff.audit.who')}</th>
                  <th scope="col">{t('staff.audit.action')}</th>
                  <th scope="col">{t('staff.audit.record')}</th>
                  <th scope="col">{t('staff.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at, i18n.language)}</td>
                    <td>
                      <span dir="auto">
                        {e.actorUserId
                          ? (names.get(e.actorUserId) ?? t('staff.audit.otherUser'))
                          : t('staff.audit.system')}
                      </span>
                      {e.actorRole && <span className="muted"> · {t(roleLabelKey(e.actorRole))}</span>}
                    </td>
                    <td>{word('actions', e.action)}</td>
                    <td>
                      {word('entities', e.entity)}
                      {e.entityId && (
                        <>
                          <br />
                          <code dir="ltr">{e.entityId}</code>
                        </>
                      )}
                      {e.subjectIds && e.subjectIds.length > 0 && (
                        <details>
                          <summary>{t('staff.audit.people', { count: e.subjectIds.length })}</summary>
                          <ul className="plain">
                            {e.subjectIds.map((id) => (
                              <li key={id}>
                                <code dir="ltr">{id}</code>
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                    <td>
                      {e.fields && e.fields.length > 0 && (
                        <div>{t('staff.audit.fields', { fields: fieldList(e.fields) })}</div>
                      )}
                      {e.reason && (
                        <div className="muted" dir="auto">
                          {reasonText(e.reason)}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {first.status === 'done' && last.length === PAGE && (
        <p>
          <button type="button" className="secondary" onClick={older}>
            {t('staff.audit.older')}
          </button>
        </p>
      )}
      <FormStatus outcome={more} />
    </section>
  );
}
