import { existsSync } from 'node:fs';
import { probeWebGpu } from './webgpu';

/**
 * Whether this machine can run the webgpu tests. Without an adapter they are
 * skipped with the reason printed, except in CI with a Vulkan ICD installed:
 * there a missing adapter means the GPU path broke, so it fails loudly.
 */
export async function webGpuTestGate(): Promise<{ run: boolean; reason: string }> {
  const probe = await probeWebGpu();
  if (probe.ok) return { run: true, reason: probe.reason };
  const icd = process.env.VK_ICD_FILENAMES;
  if (process.env.CI === 'true' && icd && existsSync(icd))
    throw new Error(`CI has the Vulkan ICD ${icd} but webgpu found no adapter: ${probe.reason}`);
  process.stdout.write(`webgpu tests skipped: ${probe.reason}\n`);
  return { run: false, reason: probe.reason };
}
