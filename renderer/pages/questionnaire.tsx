/** Questionnaire: what the PC cannot see (mobile device, server settings); answers re-run the checks. */
import { useState, type FormEvent } from 'react';
import type { MobileDeviceAnswers, QuestionnaireAnswers, ServerAnswers } from '../../main/model/answers';
import type { Finding } from '../../main/model/finding';
import { useApp } from '../app';
import { EmptyState, ErrorNote, SeverityBadge } from '../components/common';
import { SourceBanner } from '../components/source-banner';

type Platform = NonNullable<MobileDeviceAnswers['platform']>;
type Tri = NonNullable<ServerAnswers['pushLyncComFederated']>;
type FilterAction = NonNullable<ServerAnswers['imUrlFilterAction']>;

const PLATFORMS: ReadonlyArray<readonly [Platform, string]> = [['ios', 'iPhone / iPad (iOS)'], ['android', 'Android'], ['windows-phone', 'Windows Phone'], ['other', 'Other']];
const TRI: ReadonlyArray<readonly [Tri, string]> = [['yes', 'Yes'], ['no', 'No'], ['unknown', "Don't know"]];
const ACTIONS: ReadonlyArray<readonly [FilterAction, string]> = [['allow', 'Allow'], ['warn', 'Warn'], ['convert-to-text', 'Convert to text'], ['block', 'Block'], ['unknown', "Don't know"]];
const APPS = ['Lync 2013 for iPhone', 'Lync 2013 for iPad', 'Skype for Business (iOS)', 'Lync 2013 for Android', 'Skype for Business (Android)', 'Lync for Windows Phone'];

type Form = Record<'platform' | 'osVersion' | 'app' | 'appVersion' | 'language' | 'region' | 'imUrlFilterEnabled' | 'imUrlFilterAction' | 'pushNotificationsConfigured' | 'pushLyncComFederated', string>;

function toForm(a: QuestionnaireAnswers): Form {
  const m = a.mobile ?? {};
  const s = a.server ?? {};
  return {
    platform: m.platform ?? '', osVersion: m.osVersion ?? '', app: m.app ?? '', appVersion: m.appVersion ?? '', language: m.language ?? '', region: m.region ?? '',
    imUrlFilterEnabled: s.imUrlFilterEnabled ?? '', imUrlFilterAction: s.imUrlFilterAction ?? '', pushNotificationsConfigured: s.pushNotificationsConfigured ?? '', pushLyncComFederated: s.pushLyncComFederated ?? '',
  };
}

function pick<T extends string>(options: ReadonlyArray<readonly [T, string]>, v: string): T | undefined {
  return options.find(([o]) => o === v)?.[0];
}

function toAnswers(f: Form): QuestionnaireAnswers {
  const text = (v: string): string | undefined => v.trim() || undefined;
  const mobile: MobileDeviceAnswers = {
    ...(pick(PLATFORMS, f.platform) ? { platform: pick(PLATFORMS, f.platform) } : {}),
    ...(text(f.osVersion) ? { osVersion: text(f.osVersion) } : {}),
    ...(text(f.app) ? { app: text(f.app) } : {}),
    ...(text(f.appVersion) ? { appVersion: text(f.appVersion) } : {}),
    ...(text(f.language) ? { language: text(f.language) } : {}),
    ...(text(f.region) ? { region: text(f.region) } : {}),
  };
  const server: ServerAnswers = {
    ...(pick(TRI, f.imUrlFilterEnabled) ? { imUrlFilterEnabled: pick(TRI, f.imUrlFilterEnabled) } : {}),
    ...(pick(ACTIONS, f.imUrlFilterAction) ? { imUrlFilterAction: pick(ACTIONS, f.imUrlFilterAction) } : {}),
    ...(pick(TRI, f.pushNotificationsConfigured) ? { pushNotificationsConfigured: pick(TRI, f.pushNotificationsConfigured) } : {}),
    ...(pick(TRI, f.pushLyncComFederated) ? { pushLyncComFederated: pick(TRI, f.pushLyncComFederated) } : {}),
  };
  return { ...(Object.keys(mobile).length ? { mobile } : {}), ...(Object.keys(server).length ? { server } : {}) };
}

function Select({ id, label, value, options, onChange }: { readonly id: string; readonly label: string; readonly value: string; readonly options: ReadonlyArray<readonly [string, string]>; readonly onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Not answered</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
}

function Text({ id, label, value, onChange, placeholder, list }: { readonly id: string; readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly placeholder?: string; readonly list?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} placeholder={placeholder} list={list} spellCheck={false} maxLength={120} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

export function QuestionnairePage() {
  const { api, view, setView, go, openDemo } = useApp();
  const [form, setForm] = useState<Form>(() => toForm(view?.snapshot.answers ?? {}));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<{ added: readonly Finding[]; removed: readonly Finding[] } | null>(null);
  const set = (k: keyof Form) => (v: string): void => setForm((f) => ({ ...f, [k]: v }));

  if (!view) {
    return (
      <section aria-labelledby="q-title">
        <h1 id="q-title" tabIndex={-1}>Questionnaire</h1>
        <EmptyState title="Answers are checked together with a diagnosis">
          <p>Run a diagnosis (or open the demo) first; the answers are then added to it and the same checks run again.</p>
          <div className="actions">
            <button type="button" onClick={() => go('diagnose')}>Go to Diagnose</button>
            <button type="button" className="secondary" onClick={() => void openDemo().then(() => go('questionnaire'))}>Use the demo</button>
          </div>
        </EmptyState>
      </section>
    );
  }

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await api.reanalyze(view.snapshot, toAnswers(form));
      const key = (f: Finding): string => `${f.checkId}|${f.message}`;
      const before = new Set(view.findings.map(key));
      const after = new Set(next.findings.map(key));
      setOutcome({ added: next.findings.filter((f) => !before.has(key(f))), removed: view.findings.filter((f) => !after.has(key(f))) });
      setView(view.importedFrom ? { ...next, importedFrom: view.importedFrom } : next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="q-title">
      <h1 id="q-title" tabIndex={-1}>Questionnaire</h1>
      <SourceBanner view={view} />
      <p className="lead">Some sign-in problems cannot be seen from this PC. Ask the user or the server team, answer what you know, and the checks run again with the answers.</p>
      <form onSubmit={(e) => void onSubmit(e)}>
        <fieldset className="card">
          <legend>Mobile device</legend>
          <div className="grid">
            <Select id="q-platform" label="Platform" value={form.platform} options={PLATFORMS} onChange={set('platform')} />
            <Text id="q-os" label="OS version (Settings > General > About)" value={form.osVersion} onChange={set('osVersion')} placeholder="9.3.5" />
            <Text id="q-app" label="App" value={form.app} onChange={set('app')} placeholder="Lync 2013 for iPhone" list="q-apps" />
            <Text id="q-app-version" label="App version" value={form.appVersion} onChange={set('appVersion')} placeholder="5.6" />
            <Text id="q-language" label="Device language" value={form.language} onChange={set('language')} placeholder="English" />
            <Text id="q-region" label="Device region" value={form.region} onChange={set('region')} placeholder="Sweden" />
          </div>
          <datalist id="q-apps">{APPS.map((a) => <option key={a} value={a} />)}</datalist>
        </fieldset>
        <fieldset className="card">
          <legend>Server settings (ask the Lync / Skype for Business administrators)</legend>
          <div className="grid">
            <Select id="q-filter" label="IM URL filter enabled" value={form.imUrlFilterEnabled} options={TRI} onChange={set('imUrlFilterEnabled')} />
            <Select id="q-filter-action" label="IM URL filter action on hyperlinks" value={form.imUrlFilterAction} options={ACTIONS} onChange={set('imUrlFilterAction')} />
            <Select id="q-push" label="Push notifications configured" value={form.pushNotificationsConfigured} options={TRI} onChange={set('pushNotificationsConfigured')} />
            <Select id="q-push-fed" label="push.lync.com federated (allowed domain)" value={form.pushLyncComFederated} options={TRI} onChange={set('pushLyncComFederated')} />
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Check with these answers'}</button>
          <button type="button" className="secondary" onClick={() => setForm(toForm({}))}>Clear answers</button>
        </div>
      </form>
      {error ? <ErrorNote error={error} /> : null}
      {outcome ? (
        <div className="card" role="status">
          <h2>Result</h2>
          {outcome.added.length === 0 && outcome.removed.length === 0 ? <p>The answers did not change the findings.</p> : null}
          {outcome.added.length ? (
            <>
              <p>New findings from the answers:</p>
              <ul className="plain">{outcome.added.map((f, i) => <li key={i}><SeverityBadge severity={f.severity} /> {f.title} <code>{f.checkId}</code></li>)}</ul>
            </>
          ) : null}
          {outcome.removed.length ? (
            <>
              <p>No longer reported:</p>
              <ul className="plain">{outcome.removed.map((f, i) => <li key={i}>{f.title} <code>{f.checkId}</code></li>)}</ul>
            </>
          ) : null}
          <button type="button" onClick={() => go('findings')}>See all findings</button>
        </div>
      ) : null}
    </section>
  );
}
