"""PyTorch reference for `npm run bench:train`: the same ResNet-20 / Plain-20
(CIFAR form, option-A zero-padding shortcuts) and LeNet-5 as Deepwire's
templates, trained with SGD on random data. Prints one JSON object.

usage: torch_models.py MODEL BATCH TRAIN_STEPS INFER_STEPS [THREADS]
"""
import json
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


MODELS = {
    "resnet20": (lambda: CifarNet(20, True), (3, 32, 32)),
    "plain20": (lambda: CifarNet(20, False), (3, 32, 32)),
    "lenet5": (LeNet5, (1, 28, 28)),
}


def main():
    name, batch, train_steps, infer_steps = sys.argv[1], *map(int, sys.argv[2:5])
    threads = int(sys.argv[5]) if len(sys.argv) > 5 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    build, shape = MODELS[name]
    model = build()
    x = torch.randn(batch, *shape)
    y = torch.randint(0, 10, (batch,))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def train_step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    model.train()
    train_step()
    t0 = time.perf_counter()
    for _ in range(train_steps):
        train_step()
    train_s = time.perf_counter() - t0

    model.eval()
    with torch.no_grad():
        model(x)
        t0 = time.perf_counter()
        for _ in range(infer_steps):
            model(x)
        infer_s = time.perf_counter() - t0
    print(json.dumps({
        "model": name,
        "batch": batch,
        "threads": threads,
        "torch": torch.__version__,
        "trainImgPerSec": batch * train_steps / train_s,
        "inferImgPerSec": batch * infer_steps / infer_s,
    }))


if __name__ == "__main__":
    main()
