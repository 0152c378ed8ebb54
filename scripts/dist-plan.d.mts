export declare const DIST_TARGETS: Readonly<Record<string, readonly string[]>>;
export declare function findBuilderCli(root: string): string | null;
export type DistPlan = { ok: true; args: string[] } | { ok: false; message: string };
export declare function distPlan(opts: {
  root: string;
  platform: string;
  electronBinary: string | null;
  builderCli: string | null;
  overrideDist?: string | undefined;
  exists?: (path: string) => boolean;
}): DistPlan;
