/** Small shared pieces: spinner, badges, error and empty states, copy button, highlighted snippet. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CollectorStatus, Severity } from '../../main/model/status';
import type { Verification } from '../../main/model/article';
import { UiApiError } from '../api';
import { formatDate } from '../lib/format';
import { snippetParts } from '../lib/snippet';

/** A timestamp in local time, the exact ISO value in its tooltip and datetime attribute. */
export function Time({ iso, seconds = false }: { readonly iso: string; readonly seconds?: boolean }) {
  return <time dateTime={iso} title={iso}>{formatDate(iso, seconds)}</time>;
}

export function Spinner({ label }: { readonly label: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

const SEVERITY_TEXT: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

export function SeverityBadge({ severity }: { readonly severity: Severity }) {
  return <span className={`badge sev-${severity}`}>{SEVERITY_TEXT[severity]}</span>;
}

const STATUS_TEXT: Record<CollectorStatus | 'running', string> = { ok: 'OK', partial: 'Partial', 'not-applicable': 'Not applicable', error: 'Error', timeout: 'Timed out', cancelled: 'Cancelled', running: 'Running' };

export function StatusBadge({ status }: { readonly status: CollectorStatus | 'running' }) {
  return <span className={`badge st-${status}`}>{STATUS_TEXT[status]}</span>;
}

const VERIFICATION_TEXT: Record<Verification, string> = { verified: 'Verified against sources', partial: 'Partly verified', unverified: 'Not verified' };

export function VerificationBadge({ verification }: { readonly verification: Verification }) {
  return <span className={`badge ver-${verification}`}>{VERIFICATION_TEXT[verification]}</span>;
}

/** What a failed call means for the technician, in words (never a stack trace). */
export function describeError(e: unknown): { readonly title: string; readonly detail: string } {
  if (e instanceof UiApiError) {
    switch (e.code) {
      case 'unreachable':
        return { title: 'Lync Doctor is not answering', detail: 'The background service of the app stopped or the window lost its connection. Start Lync Doctor again (npm start) and reopen the window.' };
      case 'not-available':
        return { title: 'Not part of this build', detail: e.message };
      case 'bad-request':
        return { title: 'Please check the input', detail: e.message };
      case 'not-found':
        return { title: 'Not found', detail: e.message };
      case 'refused':
        return { title: 'Not done', detail: e.message };
      case 'busy':
        return { title: 'Lync Doctor is busy', detail: e.message };
      case 'unknown-verb':
      case 'failed':
        return { title: 'That did not work', detail: e.message };
    }
  }
  return { title: 'That did not work', detail: e instanceof Error ? e.message : String(e) };
}

export function ErrorNote({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const { title, detail } = describeError(error);
  return (
    <div className="note note-error" role="alert">
      <strong>{title}.</strong> {detail}
      {onRetry ? <> <button type="button" onClick={onRetry}>Try again</button></> : null}
    </div>
  );
}

export function EmptyState({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/** Copies to the clipboard; where the clipboard is refused, selects the text for Ctrl+C instead. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

export function CopyButton({ text, label = 'Copy', className }: { readonly text: string; readonly label?: string; readonly className?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onClick = async (): Promise<void> => {
    const ok = await copyText(text);
    setState(ok ? 'copied' : 'failed');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), 2500);
  };
  return (
    <button type="button" className={className ?? 'secondary'} onClick={() => void onClick()} aria-live="polite">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text and press Ctrl+C' : label}
    </button>
  );
}

/** A search snippet with «matches» shown as <mark> (React text nodes, never HTML). */
export function Snippet({ text }: { readonly text: string }) {
  return <>{snippetParts(text).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
