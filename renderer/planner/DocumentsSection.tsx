import { useState } from 'react';
import { MarkdownText } from '../panels/MarkdownText.tsx';
import type { PlanDocument, PlansApi } from '../transport/plans.ts';

const NO_IMAGES: readonly string[] = [];

const documents: { doc: PlanDocument; label: string; printable: boolean }[] = [
  { doc: 'report.md', label: 'Post-event report', printable: true },
  { doc: 'weekend-readiness.md', label: 'Friday weekend readiness', printable: true },
  { doc: 'weekend-report.md', label: 'Monday weekend report', printable: true },
  { doc: 'calendar.ics', label: 'Calendar (.ics)', printable: false },
  { doc: 'plan.yaml', label: 'Plan (YAML)', printable: false },
];

/** Download the plan's documents, or read one here and print it. */
export function DocumentsSection({ api, planId, people }: { api: PlansApi; planId: string; people: readonly string[] }) {
  const [person, setPerson] = useState('');
  const [preview, setPreview] = useState<{ doc: PlanDocument; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError((e as Error).message);
  return (
    <section className="plan-section report-section" aria-labelledby="plan-docs">
      <h2 id="plan-docs">Reports and calendar</h2>
      <div className="plan-summary">
        {documents.map((d) => (
          <span key={d.doc}>
            <button type="button" onClick={() => api.download(planId, d.doc).catch(fail)} data-testid={`download-${d.doc}`}>
              ⤓ {d.label}
            </button>
            {d.printable && (
              <button type="button" onClick={() => api.text(planId, d.doc).then((text) => setPreview({ doc: d.doc, text }), fail)} data-testid={`preview-${d.doc}`}>
                Show
              </button>
            )}
          </span>
        ))}
      </div>
      <p className="plan-summary">
        <label>
          Calendar for one person
          <select value={person} onChange={(e) => setPerson(e.target.value)} data-testid="calendar-person">
            <option value="">choose…</option>
            {people.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!person} onClick={() => api.download(planId, 'calendar.ics', person).catch(fail)}>
          ⤓ Their calendar (.ics)
        </button>
      </p>
      {error && <p className="form-error">{error}</p>}
      {preview && (
        <>
          <p className="plan-summary">
            <button type="button" onClick={() => window.print()}>
              Print
            </button>
            <button type="button" onClick={() => setPreview(null)}>
              Close
            </button>
          </p>
          <div className="report-preview" data-testid="report-preview">
            <MarkdownText content={preview.text} allowImagesFrom={NO_IMAGES} />
          </div>
        </>
      )}
    </section>
  );
}
