/** Says where the diagnosis on screen comes from: this PC, the demo, or a bundle (read-only). */
import type { DiagnosisView } from '../../main/model/api';
import { Time } from './common';

export function SourceBanner({ view }: { readonly view: DiagnosisView }) {
  const s = view.snapshot;
  if (s.demo) {
    return (
      <p className="banner banner-demo">
        <strong>Demo:</strong> a recorded snapshot of a broken PC (not this computer) for {s.input.sipAddress}, captured <Time iso={s.createdAt} />.
      </p>
    );
  }
  if (view.importedFrom) {
    return (
      <p className="banner banner-imported">
        <strong>Imported, read-only:</strong> {view.importedFrom} — {s.input.sipAddress} on a {s.host.platform} PC, captured <Time iso={s.createdAt} />.
      </p>
    );
  }
  return (
    <p className="banner">
      Diagnosis of <strong>{s.input.sipAddress}</strong> on this PC, <Time iso={s.createdAt} />.
    </p>
  );
}
