import { useRef } from 'react';
import type { ActivationFunction } from '../../../core/graph/schema';
import { plotPath, scalarActivation, softmax } from './activationFns';
import { SaveImageButton } from './SaveImageButton';
import { SoftmaxBars } from './SoftmaxBars';

const W = 240;
const H = 150;
const BOX = { x0: -4, x1: 4, y0: -2, y1: 4, width: W, height: H };

function px(x: number): number {
  return ((x - BOX.x0) / (BOX.x1 - BOX.x0)) * W;
}
function py(y: number): number {
  return H - ((y - BOX.y0) / (BOX.y1 - BOX.y0)) * H;
}

const EXAMPLE_SCORES = [2.0, 1.0, 0.1, -1.2];

/**
 * The selected activation node's function (solid) and derivative (dashed),
 * drawn in SVG; softmax is a vector function, so it gets an example instead.
 */
export function ActivationPlot({ fn, alpha }: { fn: ActivationFunction; alpha: number }) {
  const ref = useRef<SVGSVGElement>(null);
  if (fn === 'softmax') {
    const probs = softmax(EXAMPLE_SCORES);
    return (
      <div data-testid="activation-plot">
        <p className="muted">
          Softmax is not applied element by element: it turns a whole vector of scores z into probabilities,
          softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ — all positive, summing to 1, the largest score winning most. Scores{' '}
          {EXAMPLE_SCORES.join(', ')} become:
        </p>
        <SoftmaxBars
          probs={probs}
          classes={EXAMPLE_SCORES.map((s) => `z = ${s}`)}
          width={240}
          saveName="softmax-example"
        />
      </div>
    );
  }
  const { f, df, formula } = scalarActivation(fn, alpha);
  return (
    <div data-testid="activation-plot">
      <svg ref={ref} width={W} height={H} role="img" aria-label={`${fn} and its derivative`}>
        <line x1={0} x2={W} y1={py(0)} y2={py(0)} stroke="#3a424e" />
        <line x1={px(0)} x2={px(0)} y1={0} y2={H} stroke="#3a424e" />
        {[-3, -2, -1, 1, 2, 3].map((x) => (
          <text key={x} x={px(x)} y={py(0) + 10} fontSize={8} fill="#8a94a3" textAnchor="middle">
            {x}
          </text>
        ))}
        {[2, 4].map((y) => (
          <text key={y} x={px(0) + 3} y={py(y) + 3} fontSize={8} fill="#8a94a3">
            {y}
          </text>
        ))}
        <path d={plotPath(df, BOX)} fill="none" stroke="#d9a23a" strokeDasharray="4 3" strokeWidth={1.5} />
        <path
          d={plotPath(f, BOX)}
          fill="none"
          stroke="#4c9aff"
          strokeWidth={2}
          data-testid="activation-curve"
        />
        <text x={4} y={12} fontSize={10} fill="#4c9aff">
          f(x)
        </text>
        <text x={36} y={12} fontSize={10} fill="#d9a23a">
          f′(x)
        </text>
      </svg>
      <div className="muted">{formula}</div>
      <SaveImageButton target={ref} name={`activation-${fn}`} />
    </div>
  );
}
