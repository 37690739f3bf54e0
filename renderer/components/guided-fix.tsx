/** A guided fix: the article's ordered steps with a checkbox each and copyable commands. */
import { useId, useState } from 'react';
import type { FixStep } from '../../main/model/article';
import { CopyButton } from './common';

const SHELL_LABEL: Record<NonNullable<FixStep['shell']>, string> = { powershell: 'PowerShell', cmd: 'Command prompt', registry: 'Registry', none: '' };

/** `done`/`onDone` keep the ticks with the diagnosis (they survive a reload); without them the ticks are local. */
export function GuidedSteps({ steps, name, done: kept, onDone }: { readonly steps: readonly FixStep[]; readonly name: string; readonly done?: readonly boolean[]; readonly onDone?: (done: readonly boolean[]) => void }) {
  const [local, setLocal] = useState<readonly boolean[]>(() => steps.map(() => false));
  const done = kept ? steps.map((_, i) => kept[i] ?? false) : local;
  const setDone = (f: (d: readonly boolean[]) => readonly boolean[]): void => {
    if (onDone) onDone(f(done));
    else setLocal(f);
  };
  const id = useId();
  const count = done.filter(Boolean).length;
  return (
    <div className="steps">
      <p className="progress" aria-live="polite">{count} of {steps.length} steps done</p>
      <ol>
        {steps.map((s, i) => (
          <li key={i} className={done[i] ? 'step done' : 'step'}>
            <div className="step-line">
              <input type="checkbox" id={`${id}-${i}`} checked={done[i] ?? false}
                onChange={(e) => setDone((d) => d.map((x, j) => (j === i ? e.target.checked : x)))} />
              <label htmlFor={`${id}-${i}`}>{s.step}</label>
            </div>
            {s.command ? (
              <div className="command">
                <div className="command-head">
                  <span>{s.shell && s.shell !== 'none' ? SHELL_LABEL[s.shell] : 'Command'}</span>
                  <CopyButton text={s.command} label="Copy command" />
                </div>
                <pre aria-label={`${name}: command for step ${i + 1}`}><code>{s.command}</code></pre>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
