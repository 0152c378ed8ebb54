import { openDashboard } from '../dashboard/dashboardStore';

/** The template gallery's way into the experiment, beside the plain/ResNet templates it is built from. */
export function ExperimentLink({ onOpen }: { onOpen: () => void }) {
  return (
    <button
      className="experiment-link"
      data-testid="gallery-experiment"
      onClick={() => {
        onOpen();
        openDashboard('experiment');
      }}
    >
      ▶ Degradation experiment: train plain-N and ResNet-N side by side…
    </button>
  );
}
