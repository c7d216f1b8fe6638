// A platform admin's screens: organisations (list, create, invite each one's first administrator) and the ESCO
// taxonomy versions kept side by side (list, activate).
import { useState, type FormEvent } from 'react';
import { useStaffTranslation as useTranslation } from './messages.js';
import { CountrySelect } from '../components/Fields.js';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { countryName } from '../countries.js';
import { errorKey } from '../errors.js';
import { languageName } from '../names.js';
import { useApi } from '../useApi.js';
import type { OrganisationType } from '../../identity/index.js';
import { staffApi, type Organisation } from './api.js';
import { CardList } from './cards.js';
import { CopyLink, FieldError, FormStatus, useForm, useServerError, type Outcome } from './form.js';
import { InviteForm } from './OrgAdmin.js';

export const ORGANISATION_TYPES = [
  'public_employment_service',
  'ngo',
  'employer',
  'training_provider',
  'recruitment_agency',
  'assessment_body',
  'government',
] as const satisfies readonly OrganisationType[];

export function OrganisationsScreen() {
  const { t, i18n } = useTranslation();
  const [reload, setReload] = useState(0);
  const list = useApi((signal) => staffApi.organisations(signal), [reload]);
  const [inviting, setInviting] = useState<Organisation | null>(null);
  const [link, setLink] = useState<{ name: string; url: string } | null>(null);
  const collator = new Intl.Collator(i18n.language);

  return (
    <section className="screen staff" data-screen="organisations">
      <ScreenHeading title={`${t('staff.organisations.title')} · ${t('app.name')}`}>
        {t('staff.organisations.title')}
      </ScreenHeading>
      <p>{t('staff.organisations.intro')}</p>
      <NewOrganisation
        onCreated={(org) => {
          setReload((n) => n + 1);
          setInviting(org);
          setLink(null);
        }}
      />
      {inviting && (
        <InviteForm
          key={inviting.id}
          organisationId={inviting.id}
          roles={['org_admin']}
          idPrefix="admin-invite"
          heading={t('staff.organisations.inviteAdminFor', { name: inviting.name })}
          onCreated={(name, url) => setLink({ name, url })}
        />
      )}
      {link && (
        <section className="panel" aria-labelledby="admin-link-heading">
          <h2 id="admin-link-heading">{t('staff.invitations.linkHeading', { name: link.name })}</h2>
          <CopyLink
            key={link.url}
            id="admin-invite-link"
            label={t('staff.invitations.linkLabel')}
            link={link.url}
            note={t('staff.invitations.linkNote')}
          />
        </section>
      )}
      <section aria-labelledby="organisations-heading">
        <h2 id="organisations-heading">{t('staff.organisations.listHeading')}</h2>
        <LoadStatus state={list} />
        {list.status === 'done' && (
          <CardList
            items={[...list.data.organisations].sort((a, b) => collator.compare(a.name, b.name))}
            itemKey={(o) => o.id}
            card={(o) => ({
              title: <span dir="auto">{o.name}</span>,
              facts: [
                t(`staff.organisations.types.${o.type}`),
                o.country && countryName(o.country, i18n.language),
                o.licenceNumber && (
                  <>
                    {t('staff.organisations.licenceShort')} <span dir="ltr">{o.licenceNumber}</span>
                  </>
                ),
              ],
              action: (
                <button
                  type="button"
                  className="secondary small"
                  aria-label={t('staff.organisations.inviteAdminFor', { name: o.name })}
                  onClick={() => {
                    setInviting(o);
                    setLink(null);
                  }}
                >
                  {t('staff.organisations.inviteAdmin')}
                </button>
              ),
            })}
          />
        )}
      </section>
    </section>
  );
}

function NewOrganisation({ onCreated }: { onCreated(org: Organisation): void }) {
  const { t } = useTranslation();
  const form = useForm();
  const [name, setName] = useState('');
  const [type, setType] = useState<OrganisationType | ''>('');
  const [licence, setLicence] = useState('');
  const [country, setCountry] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const serverError = useServerError(form, {
    'body.name': 'org-name',
    'body.type': 'org-type',
    'body.licenceNumber': 'org-licence',
    'body.country': 'org-country',
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    const errors: Record<string, string> = {};
    if (!name.trim()) errors['org-name'] = t('staff.form.required');
    if (!type) errors['org-type'] = t('staff.organisations.chooseType');
    if (type === 'recruitment_agency' && !licence.trim())
      errors['org-licence'] = t('staff.organisations.licenceRequired');
    if (form.fail(errors) || !type) return;
    setBusy(true);
    try {
      const org = await staffApi.createOrganisation({
        name: name.trim(),
        type,
        ...(licence.trim() ? { licenceNumber: licence.trim() } : {}),
        ...(country ? { country } : {}),
      });
      setOutcome({ kind: 'ok', text: t('staff.organisations.created', { name: org.name }) });
      setName('');
      setType('');
      setLicence('');
      setCountry('');
      onCreated(org);
    } catch (err) {
      const text = serverError(err);
      if (text) setOutcome({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="new-org-heading">
      <h2 id="new-org-heading">{t('staff.organisations.newHeading')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="org-name">{t('staff.organisations.name')}</label>
          <input
            type="text"
            dir="auto"
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...form.field('org-name')}
          />
          <FieldError form={form} id="org-name" />
        </div>
        <div className="field">
          <label htmlFor="org-type">{t('staff.organisations.type')}</label>
          <select
            value={type}
            onChange={(e) => setType(ORGANISATION_TYPES.find((x) => x === e.target.value) ?? '')}
            {...form.field('org-type')}
          >
            <option value="">{t('staff.organisations.chooseType')}</option>
            {ORGANISATION_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`staff.organisations.types.${x}`)}
              </option>
            ))}
          </select>
          <FieldError form={form} id="org-type" />
        </div>
        {type === 'recruitment_agency' && (
          <div className="field">
            <label htmlFor="org-licence">{t('staff.organisations.licence')}</label>
            <input
              type="text"
              dir="ltr"
              maxLength={100}
              value={licence}
              onChange={(e) => setLicence(e.target.value)}
              {...form.field('org-licence')}
            />
            <FieldError form={form} id="org-licence" />
          </div>
        )}
        <div className="field">
          <label htmlFor="org-country">{t('staff.organisations.country')}</label>
          <CountrySelect
            value={country}
            onChange={setCountry}
            placeholder={t('caseload.chooseCountry')}
            {...form.field('org-country')}
          />
          <FieldError form={form} id="org-country" />
        </div>
        <FormStatus outcome={outcome} />
        <button type="submit" disabled={busy}>
          {t('staff.organisations.create')}
        </button>
      </form>
    </section>
  );
}

export function TaxonomyVersionsScreen() {
  const { t, i18n } = useTranslation();
  const [reload, setReload] = useState(0);
  const list = useApi((signal) => staffApi.taxonomyVersions(signal), [reload]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const lang = i18n.language;

  async function activate(version: string) {
    setBusy(true);
    setOutcome(null);
    try {
      const r = await staffApi.activateVersion(version);
      setOutcome({ kind: 'ok', text: t('staff.taxonomy.activated', { version: r.active }) });
      setReload((n) => n + 1);
    } catch (err) {
      setOutcome({ kind: 'error', text: t(errorKey(err)) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen staff" data-screen="taxonomy-versions">
      <ScreenHeading title={`${t('staff.taxonomy.title')} · ${t('app.name')}`}>
        {t('staff.taxonomy.title')}
      </ScreenHeading>
      <p>{t('staff.taxonomy.intro')}</p>
      <FormStatus outcome={outcome} />
      <LoadStatus state={list} />
      {list.status === 'done' && (
        <CardList
          items={list.data.versions}
          itemKey={(v) => v.version}
          card={(v) => ({
            title: <span>{t('staff.taxonomy.version', { version: v.version })}</span>,
            badge: v.active && <span className="badge confirmed">{t('staff.taxonomy.active')}</span>,
            facts: [
              t('staff.taxonomy.concepts', {
                occupations: new Intl.NumberFormat(lang).format(v.occupations),
                skills: new Intl.NumberFormat(lang).format(v.skills),
              }),
              new Intl.ListFormat(lang, { type: 'conjunction' }).format(v.languages.map((l) => languageName(l, lang))),
              t('staff.taxonomy.imported', {
                date: new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(v.importedAt)),
              }),
            ],
            action: !v.active && (
              <button type="button" className="secondary small" disabled={busy} onClick={() => activate(v.version)}>
                {t('staff.taxonomy.activate', { version: v.version })}
              </button>
            ),
          })}
        />
      )}
      <p className="hint">{t('staff.taxonomy.importHint')}</p>
    </section>
  );
}
