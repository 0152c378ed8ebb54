import { CURRENT_VERSION, DOCUMENT_FORMAT } from './schema';
import type { GraphDocument, GraphEdge, GraphNode, NodeType, ParamsOf } from './schema';
import { DEFAULT_PARAMS } from './defaults';
import { uniqueIdIn } from './ids';

export type AddOptions = {
  id?: string;
  label?: string;
  /** Inputs, in order; defaults to the previously added node (none for `input`). */
  from?: string | string[];
  /** Row offset for side branches (shortcuts), so the layout stays readable. */
  row?: number;
};

const COLUMN_WIDTH = 200;
const ROW_HEIGHT = 140;

/**
 * Builds documents in code (templates, tests): nodes are auto-wired to the
 * previous one and laid out left to right, params default to DEFAULT_PARAMS.
 */
export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly used = new Set<string>();
  /** Nodes added per type, for default ids (a count, not a scan: big generated graphs). */
  private readonly typeCounts = new Map<NodeType, number>();
  private last: string | null = null;

  constructor(private readonly name: string) {}

  add<T extends NodeType>(type: T, params: Partial<ParamsOf<T>> = {}, options: AddOptions = {}): string {
    const count = (this.typeCounts.get(type) ?? 0) + 1;
    this.typeCounts.set(type, count);
    const id = uniqueIdIn(this.used, options.id ?? `${type}${count}`);
    const column = this.nodes.length;
    const node = {
      id,
      type,
      params: { ...DEFAULT_PARAMS[type], ...params },
      position: { x: column * COLUMN_WIDTH, y: (options.row ?? 0) * ROW_HEIGHT },
      ...(options.label === undefined ? {} : { label: options.label }),
    } as GraphNode;
    this.nodes.push(node);
    const from = options.from ?? (type === 'input' || this.last === null ? [] : [this.last]);
    for (const source of typeof from === 'string' ? [from] : from) this.connect(source, id);
    this.last = id;
    return id;
  }

  connect(source: string, target: string): string {
    const id = uniqueIdIn(this.used, `e${this.edges.length + 1}`);
    this.edges.push({ id, source, target });
    return id;
  }

  build(): GraphDocument {
    return {
      format: DOCUMENT_FORMAT,
      version: CURRENT_VERSION,
      name: this.name,
      nodes: [...this.nodes],
      edges: [...this.edges],
    };
  }
}
