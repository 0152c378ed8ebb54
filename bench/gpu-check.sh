#!/usr/bin/env bash
# GPU check for Deepwire's webgpu backend on a bare Linux GPU machine, in a few minutes.
#
# Needs installed: Node >= 20.19 with this repository's node_modules (`npm ci`, offline is fine),
# the Vulkan loader (Debian/Ubuntu: libvulkan1, Fedora/Arch: vulkan-loader) and the GPU's Vulkan
# driver (NVIDIA: the proprietary driver, which ships its Vulkan ICD; AMD/Intel: mesa-vulkan-drivers).
# No internet: everything comes from the repository and node_modules; the digits dataset is built in.
#
# Prints: the Vulkan loader and ICDs found, every adapter Dawn offers, the doctor's backend report,
# LeNet-5 accuracy on webgpu (must reach >= 85% validation accuracy), and training img/s of LeNet-5
# and ResNet-20 on webgpu against wasm on the same machine (read from each epoch's JSON line).
set -uo pipefail
cd "$(dirname "$0")/.."
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
runs="$(mktemp -d)"
trap 'rm -rf "$runs"' EXIT
status=0

echo "== Vulkan loader"
if ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1'; then
  ldconfig -p | grep 'libvulkan.so.1' | head -1
else
  echo "MISSING libvulkan.so.1: apt-get install libvulkan1 (or your distribution's vulkan-loader)"
  status=1
fi
echo "ICDs: ${VK_ICD_FILENAMES:-$(ls /usr/share/vulkan/icd.d/ /etc/vulkan/icd.d/ 2>/dev/null | tr '\n' ' ')}"

echo "== Adapters Dawn offers"
node --input-type=module -e '
import { create, globals } from "webgpu";
Object.assign(globalThis, globals);
const gpu = create([]);
for (const powerPreference of ["high-performance", "low-power"]) {
  const a = await gpu.requestAdapter({ powerPreference });
  if (!a) { console.log(`${powerPreference}: no adapter`); continue; }
  const i = a.info;
  console.log(`${powerPreference}: ${i.vendor} ${i.architecture} | ${i.description} | ${i.device} | fallback=${a.isFallbackAdapter ?? i.isFallbackAdapter} | maxBufferSize=${a.limits.maxBufferSize} maxStorageBufferBindingSize=${a.limits.maxStorageBufferBindingSize}`);
}
process.exit(0);
' || status=1

echo "== deepwire doctor"
npx --no-install deepwire doctor || status=1
npx --no-install deepwire doctor --backend webgpu || status=1

# One training run; prints its last epoch's figures and returns its validation accuracy.
train() {
  local model="$1" backend="$2" limit="$3" epochs="$4"
  local out="$runs/$model-$backend.jsonl"
  if ! npx --no-install deepwire train "$model" --backend "$backend" --dataset digits --limit "$limit" \
    --epochs "$epochs" --json --out "$runs" >"$out" 2>"$runs/$model-$backend.err"; then
    echo "$model on $backend FAILED: $(tail -3 "$runs/$model-$backend.err")"
    return 1
  fi
  node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
    const epochs = lines.filter((l) => l.type === "epoch");
    const last = epochs.at(-1);
    const backends = [...new Set(lines.filter((l) => l.backend).map((l) => l.backend))].join(",");
    console.log(`${process.argv[2].padEnd(9)} ${process.argv[3].padEnd(7)} backend=${backends} last-epoch img/s=${last.imgPerSec} val acc=${(last.valAcc * 100).toFixed(1)}% epoch ms=${epochs.map((e) => e.durationMs).join(",")}`);
  ' "$out" "$model" "$backend"
}

echo "== LeNet-5 accuracy on webgpu (needs >= 85% validation accuracy, backend webgpu on every line)"
train lenet5 webgpu 3000 2 || status=1
acc="$(node -e 'const l=require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n").map(JSON.parse);const s=l.find((x)=>x.type==="summary");const ok=s&&s.valAcc>=0.85&&l.every((x)=>x.backend==="webgpu");console.log(ok?"PASS":"FAIL")' "$runs/lenet5-webgpu.jsonl" 2>/dev/null || echo FAIL)"
echo "LeNet-5 accuracy check: $acc"
[ "$acc" = PASS ] || status=1

echo "== Training img/s, webgpu vs wasm (the second epoch is past shader compilation)"
for model in lenet5 resnet20; do
  for backend in webgpu wasm; do
    train "$model" "$backend" 2000 2 || status=1
  done
done
exit "$status"
