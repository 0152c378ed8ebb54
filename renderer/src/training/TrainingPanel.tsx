/** Placeholder: the training engineer replaces this with settings, live chart and run controls. */
export function TrainingPanel() {
  return <div data-testid="training-panel">Training arrives with the training engine.</div>;
}
