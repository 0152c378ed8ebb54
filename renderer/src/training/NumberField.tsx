import { boundedNumber } from './advancedFields';

/**
 * A labelled number input that reports only values inside `bounds`: text that
 * is empty, unreadable or out of range keeps the current value.
 */
export function NumberField(props: {
  label: string;
  title: string;
  testId: string;
  value: number;
  bounds: { min: number; max: number; integer?: boolean };
  /** The input's own attributes: the spinner's limits and step. */
  input?: { min?: number; max?: number; step?: string };
  onValue: (value: number) => void;
}) {
  const { value, bounds, onValue } = props;
  return (
    <label title={props.title}>
      {props.label}
      <input
        data-testid={props.testId}
        type="number"
        {...props.input}
        value={value}
        onChange={(e) => onValue(boundedNumber(e.target.value, value, bounds))}
      />
    </label>
  );
}
