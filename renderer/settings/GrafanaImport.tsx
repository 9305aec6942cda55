/**
 * Settings → Import a Grafana dashboard: pick or paste a dashboard JSON, get the workspace YAML
 * (shown as text, to copy or download) and the panels that could not be brought over.
 */
import { useId, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { useHub } from '../app/hub-context.tsx';
import { saveWithLink } from '../transport/incidents.ts';
import { hubPostJson } from '../transport/rest.ts';

interface Converted {
  readonly yaml: string;
  readonly skipped: readonly { title: string; type: string; reason: string }[];
  readonly warnings: readonly string[];
}

/** The hub refuses bodies above 5 MiB; say so before uploading. */
const MAX_BYTES = 5 * 1024 * 1024;

export function GrafanaImport() {
  const hub = useHub();
  const textId = useId();
  const sourceId = useId();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('dashboard.json');
  const [source, setSource] = useState('prometheus');
  const [result, setResult] = useState<Converted | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) return setError(`${file.name} is ${(file.size / 1048576).toFixed(1)} MiB; the limit is 5 MiB`);
    setFileName(file.name);
    void file.text().then(setText);
  };

  const convert = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNote(null);
    setResult(null);
    try {
      JSON.parse(text);
    } catch (e) {
      setError(`This is not JSON: ${(e as Error).message}`);
      setBusy(false);
      return;
    }
    try {
      const query = `?source=${encodeURIComponent(source)}&file=${encodeURIComponent(fileName)}`;
      setResult(await hubPostJson<Converted>(hub, `/api/v1/grafana/convert${query}`, text));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const copy = () =>
    result &&
    navigator.clipboard.writeText(result.yaml).then(
      () => setNote('✓ Copied'),
      () => setNote('✖ The clipboard is not available here: select the text or download it'),
    );
  const yamlName = `${fileName.replace(/\.json$/i, '') || 'dashboard'}.yaml`;

  return (
    <section className="card" data-testid="settings-grafana">
      <h2>Import a Grafana dashboard</h2>
      <p>
        Converts stat, timeseries/graph, gauge, table and text panels with Prometheus queries into a workspace file (the same as{' '}
        <code>npm run import:grafana</code>). Every panel it cannot bring over is listed below.
      </p>
      <form onSubmit={(e) => void convert(e)} className="sign-in-form">
        <label>
          Dashboard JSON file <input type="file" accept="application/json,.json" onChange={pick} data-testid="grafana-file" />
        </label>
        <label htmlFor={textId}>…or paste it</label>
        <textarea id={textId} rows={6} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid="grafana-json" />
        <label htmlFor={sourceId}>Prometheus source id</label>
        <input id={sourceId} value={source} onChange={(e) => setSource(e.target.value)} data-testid="grafana-source" />
        <button type="submit" disabled={busy || !text.trim() || !source.trim()} data-testid="grafana-convert">
          {busy ? 'Converting…' : 'Convert'}
        </button>
      </form>
      {error && (
        <p role="alert" className="panel-note" data-testid="grafana-error">
          ✖ {error}
        </p>
      )}
      {result && (
        <>
          <h3>Not imported ({result.skipped.length})</h3>
          {result.skipped.length === 0 ? (
            <p>✓ Every panel was converted.</p>
          ) : (
            <ul data-testid="grafana-skipped">
              {result.skipped.map((s, i) => (
                <li key={i}>
                  ▲ “{s.title}” ({s.type}): {s.reason}
                </li>
              ))}
            </ul>
          )}
          {result.warnings.length > 0 && (
            <ul>
              {result.warnings.map((w, i) => (
                <li key={i}>Check: {w}</li>
              ))}
            </ul>
          )}
          <h3>Workspace YAML</h3>
          <button type="button" onClick={() => void copy()} data-testid="grafana-copy">
            Copy
          </button>{' '}
          <button type="button" onClick={() => saveWithLink(new Blob([result.yaml], { type: 'application/yaml' }), yamlName)} data-testid="grafana-download">
            Download {yamlName}
          </button>
          {note && <span role="status"> {note}</span>}
          <pre className="grafana-yaml" data-testid="grafana-yaml">
            {result.yaml}
          </pre>
        </>
      )}
    </section>
  );
}
