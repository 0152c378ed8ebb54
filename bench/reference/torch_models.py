"""PyTorch reference for `npm run bench:train`: the same ResNet-N / Plain-N
(CIFAR form, option-A zero-padding shortcuts) and LeNet-5 as Deepwire's
templates, trained with SGD on random data.

usage: torch_models.py MODEL BATCH [THREADS] [WARMUP_STEPS]

After WARMUP_STEPS training and inference steps it prints {"ready": ...}, then
answers each stdin line `train SECONDS` / `infer SECONDS` with one JSON line
{"imgPerSec", "steps", "seconds"} for a chunk of at least SECONDS, so the
bench can alternate chunks with Deepwire's while the model stays warm.
"""
import json
import re
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout, stride, residual):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.residual, self.stride, self.pad = residual, stride, cout - cin

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.residual:
            short = x[:, :, :: self.stride, :: self.stride] if self.stride > 1 else x
            if self.pad:
                short = F.pad(short, (0, 0, 0, 0, 0, self.pad))
            out = out + short
        return F.relu(out)


class CifarNet(nn.Module):
    def __init__(self, depth, residual, width=16, classes=10):
        super().__init__()
        n = (depth - 2) // 6
        self.conv = nn.Conv2d(3, width, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(width)
        layers, cin = [], width
        for i, scale in enumerate([1, 2, 4]):
            for b in range(n):
                stride = 2 if i > 0 and b == 0 else 1
                layers.append(Block(cin, width * scale, stride, residual))
                cin = width * scale
        self.stages = nn.Sequential(*layers)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        x = self.stages(F.relu(self.bn(self.conv(x))))
        return self.fc(x.mean((2, 3)))


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5, padding=2)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.f5 = nn.Linear(16 * 5 * 5, 120)
        self.f6 = nn.Linear(120, 84)
        self.out = nn.Linear(84, 10)

    def forward(self, x):
        x = F.avg_pool2d(torch.tanh(self.c1(x)), 2)
        x = F.avg_pool2d(torch.tanh(self.c3(x)), 2)
        x = torch.tanh(self.f5(x.flatten(1)))
        return self.out(torch.tanh(self.f6(x)))


def build(name):
    """resnetN / plainN (CIFAR, N = 6n + 2) or lenet5, with the input shape."""
    match = re.fullmatch(r"(resnet|plain)(\d+)", name)
    if match:
        return CifarNet(int(match.group(2)), match.group(1) == "resnet"), (3, 32, 32)
    if name == "lenet5":
        return LeNet5(), (1, 28, 28)
    raise SystemExit(f"unknown model {name!r}")


def capability():
    """The vector ISA ATen's kernels dispatch to (oneDNN's JIT picks its own from the CPU)."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def timed_chunk(step, batch, seconds):
    """Steps until at least `seconds` have passed (at least one); images per second."""
    steps, t0 = 0, time.perf_counter()
    while True:
        step()
        steps += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds:
            return {"imgPerSec": batch * steps / elapsed, "steps": steps, "seconds": elapsed}


def main():
    name, batch = sys.argv[1], int(sys.argv[2])
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model, shape = build(name)
    x = torch.randn(batch, *shape)
    y = torch.randint(0, 10, (batch,))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def train_step():
        model.train()
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    def infer_step():
        model.eval()
        with torch.no_grad():
            model(x)

    # oneDNN builds its primitives and the allocator grows its pools in the
    # first steps: those are not what a long training run sees.
    for _ in range(warmup):
        train_step()
    for _ in range(warmup):
        infer_step()
    reply({"ready": True, "model": name, "batch": batch, "threads": threads,
           "torch": torch.__version__, "capability": capability()})
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            break
        seconds = float(parts[1]) if len(parts) > 1 else 2.0
        step = train_step if parts[0] == "train" else infer_step
        reply(timed_chunk(step, batch, seconds))


def reply(obj):
    print(json.dumps(obj), flush=True)


if __name__ == "__main__":
    main()
