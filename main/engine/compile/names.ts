/**
 * tfjs only accepts layer names matching /^[A-Za-z0-9][-A-Za-z0-9._/]*$/ and
 * scopes weights with '/', so node ids are mapped to names deterministically:
 * other characters (and '/') become '_', a non-alphanumeric start gets an 'n'
 * prefix, and clashes get a numeric suffix. Helper layers append `__<role>`.
 */
export class LayerNames {
  private readonly byNode = new Map<string, string>();
  private readonly byLayer = new Map<string, string>();
  private readonly used = new Set<string>();

  /** The name of the node's main layer (created on first request). */
  layerOf(nodeId: string): string {
    const existing = this.byNode.get(nodeId);
    if (existing !== undefined) return existing;
    const name = this.claim(sanitiseLayerName(nodeId));
    this.byNode.set(nodeId, name);
    this.byLayer.set(name, nodeId);
    return name;
  }

  /** A helper layer belonging to the node, e.g. its explicit padding: `<name>__pad`. */
  helperOf(nodeId: string, role: string): string {
    const name = this.claim(`${this.layerOf(nodeId)}__${role}`);
    this.byLayer.set(name, nodeId);
    return name;
  }

  /** The name already given to the node's main layer, if it was compiled. */
  existing(nodeId: string): string | undefined {
    return this.byNode.get(nodeId);
  }

  nodeOf(layerName: string): string | undefined {
    return this.byLayer.get(layerName);
  }

  private claim(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }
}

export function sanitiseLayerName(id: string): string {
  const cleaned = id.replace(/[^-A-Za-z0-9._]/g, '_');
  return /^[A-Za-z0-9]/.test(cleaned) ? cleaned : `n${cleaned}`;
}
