import { useState } from 'react';
import type { CallResponse } from '../../../core/ipc/api';
import { EXPORT_FORMAT_IDS, type ExportFormatId } from '../../../core/ipc/exportContract';
import { requireApi } from '../files/hostStore';
import './export.css';
import { verificationStatus, verificationText } from './verificationText';

type ExportResult = CallResponse<'runs.export'>;
type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; format: ExportFormatId }
  | { kind: 'done'; result: ExportResult }
  | { kind: 'error'; message: string };

const FORMAT_LABELS: Record<ExportFormatId, string> = {
  tfjs: 'TF.js (model.json + weights)',
  onnx: 'ONNX (.onnx, opset 13)',
  keras: 'Keras (.keras + config)',
  pytorch: 'PyTorch (model.py + state dict)',
  bundle: 'Deploy bundle (ONNX + predict.mjs / predict.py)',
  'onnx-int8': 'ONNX int8 (quantized, calibrated on training images)',
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Export a finished run: pick a format, write it into the run folder, and show each numeric check. */
type ExportTarget = {
  runId: string;
  /** What the run is (graph, dataset, date, result), so the user sees which model is exported. */
  label?: string;
};

export function ExportDialog({ runId, label, onClose }: ExportTarget & { onClose: () => void }) {
  const [format, setFormat] = useState<ExportFormatId>('tfjs');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const running = phase.kind === 'running';

  const run = async () => {
    setPhase({ kind: 'running', format });
    try {
      setPhase({ kind: 'done', result: await requireApi().runs.export({ runId, format }) });
    } catch (error) {
      setPhase({ kind: 'error', message: messageOf(error) });
    }
  };

  return (
    <div className="overlay" onMouseDown={() => !running && onClose()}>
      <div
        className="dialog export-dialog"
        data-testid="export-dialog"
        role="dialog"
        aria-label="Export model"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <h2 data-testid="export-run-label">Export {label ?? `run ${runId}`}</h2>
        <div className="export-run-id mono" data-testid="export-run-id">
          run {runId}
        </div>
        <label className="export-format">
          Format
          <select
            data-testid="export-format"
            value={format}
            disabled={running}
            onChange={(e) => setFormat(e.target.value as ExportFormatId)}
          >
            {EXPORT_FORMAT_IDS.map((id) => (
              <option key={id} value={id}>
                {FORMAT_LABELS[id]}
              </option>
            ))}
          </select>
        </label>
        <p className="export-hint">
          Written into the run folder and checked against the trained model on one batch.
        </p>
        {phase.kind === 'running' && (
          <div className="export-progress" data-testid="export-progress">
            Exporting and verifying {FORMAT_LABELS[phase.format]}…
          </div>
        )}
        {phase.kind === 'error' && (
          <div className="export-error" role="alert" data-testid="export-error">
            Export failed: {phase.message}
          </div>
        )}
        {phase.kind === 'done' && <ExportReport result={phase.result} />}
        <div className="dialog-actions">
          <button onClick={onClose} disabled={running}>
            Close
          </button>
          <button className="primary" data-testid="export-run" disabled={running} onClick={() => void run()}>
            {running ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </div>
    </div>
  );
}

function ExportReport({ result }: { result: ExportResult }) {
  return (
    <div className="export-report" data-testid="export-report">
      <div className="export-folder">
        Folder: <span className="mono">{result.folder}</span>
      </div>
      <ul className="export-files">
        {result.files.map((name) => (
          <li key={name} className="mono" data-testid="export-file">
            {name}
          </li>
        ))}
      </ul>
      <ul className="export-checks">
        {result.verification.map((v) => {
          const status = verificationStatus(v, result.tolerance);
          return (
            <li
              key={v.check}
              className={`export-check export-check-${status}`}
              data-testid="export-verification"
              data-check={v.check}
              data-ran={String(v.ran)}
              data-status={status}
              {...(v.maxAbsDiff === undefined ? {} : { 'data-max-abs-diff': String(v.maxAbsDiff) })}
            >
              <span className="export-check-name">{v.check}</span>
              <span>{verificationText(v, result.tolerance)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The "Export…" button for a finished run; the dialog lives with it. */
export function ExportButton({ runId, label }: ExportTarget) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button data-testid="export-open" title="Export the trained model" onClick={() => setOpen(true)}>
        Export…
      </button>
      {open && <ExportDialog runId={runId} label={label} onClose={() => setOpen(false)} />}
    </>
  );
}
