import { useMemo } from 'react';
import { formatCount } from '../../../core/graph/summary';
import { analyzeGraph } from '../../../core/graph/validate';
import { TEMPLATES } from '../../../core/templates/index';
import { Modal } from '../modal/Modal';
import { useUiStore } from '../store/uiStore';
import { openTemplate } from './fileCommands';
import { buildPreview, type Preview } from './templatePreview';
import { ExperimentLink } from '../experiment/ExperimentLink';

type Card = {
  id: string;
  title: string;
  family: string;
  description: string;
  trainable: boolean;
  params: number;
  preview: Preview;
};

let cards: Card[] | null = null;

/** Built once per session: every template's preview and parameter count. */
function templateCards(): Card[] {
  if (cards) return cards;
  cards = TEMPLATES.map((t) => {
    const doc = t.build();
    return {
      id: t.id,
      title: t.title,
      family: t.family,
      description: t.description,
      trainable: t.trainable,
      params: analyzeGraph(doc).inference.totalParams,
      preview: buildPreview(doc),
    };
  });
  return cards;
}

function close(): void {
  useUiStore.setState({ galleryOpen: false });
}

export function TemplateGallery() {
  const open = useUiStore((s) => s.galleryOpen);
  if (!open) return null;
  return <Gallery />;
}

function Gallery() {
  const families = useMemo(() => {
    const byFamily = new Map<string, Card[]>();
    for (const card of templateCards())
      byFamily.set(card.family, [...(byFamily.get(card.family) ?? []), card]);
    return [...byFamily.entries()];
  }, []);
  return (
    <Modal label="Templates" onClose={close} className="dialog gallery" testId="template-gallery">
      <div className="dialog-title-row">
        <h2>Templates</h2>
        <button onClick={close} aria-label="Close templates">
          ✕
        </button>
      </div>
      <div className="gallery-scroll">
        {families.map(([family, list]) => (
          <section key={family}>
            <h3>{family}</h3>
            {family === 'plain' && <ExperimentLink onOpen={close} />}
            <div className="gallery-grid">
              {list.map((card) => (
                <button
                  key={card.id}
                  className="template-card"
                  data-testid={`template-card-${card.id}`}
                  onClick={() => void openTemplate(card.id)}
                >
                  <PreviewSvg preview={card.preview} />
                  <span className="template-title">{card.title}</span>
                  <span className="template-params">{formatCount(card.params)} params</span>
                  <span className="template-description">{card.description}</span>
                  {!card.trainable && <span className="template-tag">shape view</span>}
                </button>
              ))}
            </div>
          </section>
        ))}
      </div>
    </Modal>
  );
}

function PreviewSvg({ preview }: { preview: Preview }) {
  const box = preview.boxes.length > 60 ? 3 : 6;
  return (
    <svg className="template-preview" viewBox={`0 0 ${preview.width} ${preview.height}`} aria-hidden>
      {preview.lines.map((l, i) => (
        <line key={i} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} />
      ))}
      {preview.boxes.map((b) => (
        <rect key={b.id} x={b.x - box / 2} y={b.y - box / 2} width={box} height={box} rx={1} />
      ))}
    </svg>
  );
}
