import { useState } from 'react';
import type { GraphNode } from '../../../core/graph/schema';
import { updateParams } from '../actions/updateNode';
import { runAction } from '../store/editorStore';
import {
  formatFieldValue,
  paramFieldsOf,
  parseFieldText,
  validateParams,
  type ParamField,
} from './paramFields';

/**
 * The params form of one node. Text that does not validate stays in a local
 * draft with its message under the field; only valid params reach the document.
 */
export function ParamEditor({ node }: { node: GraphNode }) {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const params = node.params as Record<string, unknown>;

  const commit = (name: string, value: unknown, text: string | null) => {
    const candidate = { ...params, [name]: value };
    const error = validateParams(node.type, candidate, name);
    setErrors((e) => withEntry(e, name, error));
    setDrafts((d) => withEntry(d, name, error === null ? null : text));
    if (error === null) runAction(updateParams, { nodeId: node.id, params: candidate });
  };

  const fields = paramFieldsOf(node.type).filter((f) => isRelevant(node, f.name));
  if (fields.length === 0) return <p className="muted">No parameters.</p>;
  return (
    <div className="param-form">
      {fields.map((f) => (
        <FieldRow
          key={f.name}
          field={f}
          value={params[f.name]}
          draft={drafts[f.name]}
          error={errors[f.name]}
          onValue={(value, text) => commit(f.name, value, text)}
        />
      ))}
    </div>
  );
}

/** α only means something for leaky ReLU and ELU; the other activations ignore it. */
function isRelevant(node: GraphNode, name: string): boolean {
  if (node.type !== 'activation' || name !== 'alpha') return true;
  return node.params.fn === 'leakyRelu' || node.params.fn === 'elu';
}

function withEntry(
  record: Record<string, string>,
  key: string,
  value: string | null,
): Record<string, string> {
  const { [key]: _old, ...rest } = record;
  return value === null ? rest : { ...rest, [key]: value };
}

type FieldRowProps = {
  field: ParamField;
  value: unknown;
  draft: string | undefined;
  error: string | undefined;
  onValue: (value: unknown, text: string | null) => void;
};

function FieldRow({ field, value, draft, error, onValue }: FieldRowProps) {
  const id = `param-${field.name}`;
  const testId = `inspector-field-${field.name}`;
  const kind = field.field;
  let control;
  if (kind.kind === 'boolean') {
    control = (
      <input
        id={id}
        data-testid={testId}
        type="checkbox"
        checked={value === true}
        onChange={(e) => onValue(e.target.checked, null)}
      />
    );
  } else if (kind.kind === 'enum') {
    control = (
      <select
        id={id}
        data-testid={testId}
        value={formatFieldValue(value)}
        onChange={(e) => onValue(e.target.value, null)}
      >
        {kind.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else {
    const listId = kind.kind === 'namedOrNumber' ? `${id}-names` : undefined;
    control = (
      <>
        <input
          id={id}
          data-testid={testId}
          type="text"
          inputMode={kind.kind === 'number' ? 'decimal' : 'text'}
          list={listId}
          value={draft ?? formatFieldValue(value)}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onValue(parseFieldText(kind, e.target.value), e.target.value)}
        />
        {listId && kind.kind === 'namedOrNumber' && (
          <datalist id={listId}>
            {kind.names.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        )}
      </>
    );
  }
  return (
    <div className={`param-row${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{field.label}</label>
      {control}
      {error && (
        <div className="param-error" data-testid={`inspector-error-${field.name}`}>
          {error}
        </div>
      )}
    </div>
  );
}
