export declare const PACKAGES: readonly string[];
export type SetupPlan =
  { action: 'none' } | { action: 'install'; argv: string[][] } | { action: 'fail'; message: string };
export declare function planSetup(machine: {
  missing: string[];
  root: boolean;
  sudo: boolean;
  apt: boolean;
}): SetupPlan;
