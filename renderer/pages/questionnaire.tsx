/** Questionnaire: what the PC cannot see (mobile device, server settings); answers re-run the checks. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MobileDeviceAnswers, QuestionnaireAnswers, ServerAnswers } from '../../main/model/answers';
import { useApp } from '../app';
import { EmptyState, ErrorNote, SeverityBadge } from '../components/common';
import { SourceBanner } from '../components/source-banner';
import { diffFindings, type FindingDiff } from '../lib/finding-diff';

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

/** The field labels, for the list of questions left unanswered. */
const LABELS: Readonly<Record<keyof Form, string>> = {
  platform: 'Platform', osVersion: 'OS version', app: 'App', appVersion: 'App version', language: 'Device language', region: 'Device region',
  imUrlFilterEnabled: 'IM URL filter enabled', imUrlFilterAction: 'IM URL filter action', pushNotificationsConfigured: 'Push notifications configured', pushLyncComFederated: 'push.lync.com federated',
};

/** "Not answered" beside a label while the field is empty (an empty field is never taken for an answer). */
function Unanswered({ empty }: { readonly empty: boolean }) {
  return empty ? <span className="q17b-unanswered">not answered</span> : null;
}

function Select({ id, label, value, options, onChange }: { readonly id: string; readonly label: string; readonly value: string; readonly options: ReadonlyArray<readonly [string, string]>; readonly onChange: (v: string) => void }) {
  return (
    <div className={`field${value ? '' : ' q17b-empty'}`}>
      <label htmlFor={id}>{label} <Unanswered empty={!value} /></label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">— Not answered —</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
}

/** A text question; its example is written under the box ("Example: 9.3.5"), never as grey text inside it. */
function Text({ id, label, value, onChange, example, list }: { readonly id: string; readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly example?: string; readonly list?: string }) {
  const empty = !value.trim();
  return (
    <div className={`field${empty ? ' q17b-empty' : ''}`}>
      <label htmlFor={id}>{label} <Unanswered empty={empty} /></label>
      <input id={id} type="text" value={value} list={list} spellCheck={false} maxLength={120} aria-describedby={example ? `${id}-example` : undefined} onChange={(e) => onChange(e.target.value)} />
      {example ? <span id={`${id}-example`} className="q17b-example">Example: {example}</span> : null}
    </div>
  );
}

export function QuestionnairePage() {
  const { api, view, setView, go, openDemo } = useApp();
  const [form, setForm] = useState<Form>(() => toForm(view?.snapshot.answers ?? {}));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<(FindingDiff & { readonly unanswered: readonly string[] }) | null>(null);
  const set = (k: keyof Form) => (v: string): void => setForm((f) => ({ ...f, [k]: v }));
  const resultRef = useRef<HTMLDivElement>(null);
  // Another diagnosis (the demo opened from here, an imported bundle) brings its own answers: show them, never an empty form over them.
  const answers = view?.snapshot.answers;
  useEffect(() => {
    setForm(toForm(answers ?? {}));
  }, [answers]);
  useEffect(() => {
    // The result is below the form: bring it into view and give it the focus, so it is seen and read out.
    if (!outcome) return;
    resultRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    resultRef.current?.focus({ preventScroll: true });
  }, [outcome]);

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
      const unanswered = (Object.keys(LABELS) as Array<keyof Form>).filter((k) => !form[k].trim()).map((k) => LABELS[k]);
      setOutcome({ ...diffFindings(view.findings, next.findings), unanswered });
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
            <Text id="q-os" label="OS version (Settings > General > About)" value={form.osVersion} onChange={set('osVersion')} example="9.3.5" />
            <Text id="q-app" label="App" value={form.app} onChange={set('app')} example="Lync 2013 for iPhone (pick from the list or type)" list="q-apps" />
            <Text id="q-app-version" label="App version" value={form.appVersion} onChange={set('appVersion')} example="5.6" />
            <Text id="q-language" label="Device language" value={form.language} onChange={set('language')} example="English" />
            <Text id="q-region" label="Device region" value={form.region} onChange={set('region')} example="Sweden" />
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
        <div className="card q17b-result" role="status" ref={resultRef} tabIndex={-1} aria-labelledby="q-result-title">
          <h2 id="q-result-title">Result</h2>
          {outcome.added.length + outcome.removed.length + outcome.changed.length === 0 ? <p>The answers did not change the findings.</p> : null}
          {outcome.added.length ? (
            <>
              <p>New findings from the answers:</p>
              <ul className="plain">{outcome.added.map((f, i) => <li key={i}><SeverityBadge severity={f.severity} /> {f.title} <code>{f.checkId}</code></li>)}</ul>
            </>
          ) : null}
          {outcome.changed.length ? (
            <>
              <p>Changed by the answers:</p>
              <ul className="plain">{outcome.changed.map((c, i) => <li key={i}><SeverityBadge severity={c.after.severity} /> {c.after.title} <code>{c.after.checkId}</code><br /><span className="q17b-now">{c.after.message}</span></li>)}</ul>
            </>
          ) : null}
          {outcome.removed.length ? (
            <>
              <p>No longer reported:</p>
              <ul className="plain">{outcome.removed.map((f, i) => <li key={i}>{f.title} <code>{f.checkId}</code></li>)}</ul>
            </>
          ) : null}
          {outcome.unanswered.length ? (
            <p className="q17b-left">Not answered (checks that need these could not judge them): {outcome.unanswered.join(', ')}.</p>
          ) : null}
          <button type="button" onClick={() => go('findings')}>See all findings</button>
        </div>
      ) : null}
    </section>
  );
}
