/**
 * The exported train.py: trains model.py on Deepwire's dataset formats (an
 * IDX folder like MNIST/Fashion-MNIST, or CIFAR-10's binary batches). The
 * same file runs on one process or under torchrun (DistributedDataParallel:
 * NCCL on GPUs, gloo on CPU; a DistributedSampler splits each epoch; rank 0
 * writes the weights).
 */
export const TRAIN_PY = `"""Train the exported Deepwire model with PyTorch.

One process:   python3 train.py --data DATA_DIR --epochs 10 --out trained
The paper's CIFAR-10 recipe:
               python3 train.py --data DATA_DIR --epochs 182 --batch-size 128 --lr 0.1 --weight-decay 1e-4 \\
                 --schedule multistep:32000,48000:0.1:iter --augment flip,crop:4 --iterations 64000 --optimizer momentum
One machine:   torchrun --nproc_per_node=4 train.py --data DATA_DIR --out trained
Several:       torchrun --nnodes=2 --nproc_per_node=4 --rdzv_backend=c10d \\\\
                 --rdzv_endpoint=HOST:29500 --rdzv_id=run1 train.py --data DATA_DIR --out trained

DATA_DIR is an IDX folder (train-images-idx3-ubyte + train-labels-idx1-ubyte, optionally .gz)
or a CIFAR-10 binary folder (data_batch_*.bin). Pixels are scaled to 0..1 and standardised with
normalisation.json (the training run's statistics) when it sits beside this file.
recipe.json, written by the export, holds the run's epochs, iteration cap, batch size, optimizer, learning
rate, augmentation, schedule, warm-up and weight decay: they are the defaults here, and flags override them.
The optimizers follow TensorFlow.js's update rules, as Deepwire trains: see make_optimizer.
"""
import argparse
import glob
import gzip
import json
import math
import os
import struct

import torch
import torch.distributed as dist
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from model import DeepwireModel, load_weights, save_weights

HERE = os.path.dirname(os.path.abspath(__file__))


def read_maybe_gz(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return f.read()


def load_idx(folder):
    def find(kind):
        hits = sorted(glob.glob(os.path.join(folder, f"*train*{kind}*")))
        if not hits:
            raise FileNotFoundError(f"no *train*{kind}* file in {folder}")
        return hits[0]

    images = read_maybe_gz(find("images"))
    labels = read_maybe_gz(find("labels"))
    magic, count, rows, cols = struct.unpack(">IIII", images[:16])
    if magic != 2051 or len(images) != 16 + count * rows * cols:
        raise ValueError("not an IDX image file (or truncated)")
    if struct.unpack(">II", labels[:8]) != (2049, count) or len(labels) != 8 + count:
        raise ValueError("IDX labels do not match the images")
    x = torch.frombuffer(bytearray(images[16:]), dtype=torch.uint8).reshape(count, rows, cols, 1)
    y = torch.frombuffer(bytearray(labels[8:]), dtype=torch.uint8).long()
    return x, y


def load_cifar(folder):
    xs, ys = [], []
    for path in sorted(glob.glob(os.path.join(folder, "data_batch_*.bin"))):
        raw = read_maybe_gz(path)
        if len(raw) % 3073:
            raise ValueError(f"{path} is not CIFAR-10 binary (records of 1 + 3072 bytes)")
        records = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(-1, 3073)
        ys.append(records[:, 0].long())
        xs.append(records[:, 1:].reshape(-1, 3, 32, 32).permute(0, 2, 3, 1))
    if not xs:
        raise FileNotFoundError(f"no data_batch_*.bin in {folder}")
    return torch.cat(xs), torch.cat(ys)


def load_dataset(folder):
    if glob.glob(os.path.join(folder, "data_batch_*.bin")):
        return load_cifar(folder)
    return load_idx(folder)


def normalise(x, shape):
    x = x.float() / 255.0
    stats_file = os.path.join(HERE, "normalisation.json")
    if os.path.exists(stats_file):
        with open(stats_file, encoding="utf-8") as f:
            stats = json.load(f)
        mean = torch.tensor(stats["mean"], dtype=torch.float32)
        std = torch.tensor([s if s > 1e-6 else 1.0 for s in stats["std"]], dtype=torch.float32)
        x = (x - mean) / std
    if tuple(x.shape[1:]) != tuple(shape):
        raise ValueError(f"dataset images are {tuple(x.shape[1:])}, the model takes {tuple(shape)}")
    return x


def parse_augment(text):
    """\`flip,crop:4,shift:2\` as in Deepwire's --augment: (flip, crop padding, shift); \`none\` is (False, 0, 0)."""
    flip, padding, shift = False, 0, 0
    for part in [] if text == "none" else text.split(","):
        name, _, value = part.strip().partition(":")
        if name == "flip" and not value:
            flip = True
        elif name in ("crop", "shift") and value.isdigit() and int(value) <= 64:
            padding, shift = (int(value), shift) if name == "crop" else (padding, int(value))
        else:
            raise ValueError(f"--augment takes flip, crop:N, shift:N (N <= 64) or none, got {part!r}")
    return flip, padding, shift


def translate(img, dy, dx, fill):
    """out[r, c] = img[r + dy, c + dx]; pixels from outside the image are \`fill\` (an image-shaped tensor)."""
    h, w = img.shape[0], img.shape[1]
    out = fill.clone()
    if abs(dy) >= h or abs(dx) >= w:
        return out
    ys, yd = max(0, dy), max(0, -dy)
    xs, xd = max(0, dx), max(0, -dx)
    out[yd:h - ys, xd:w - xs] = img[ys:h - yd, xs:w - xd]
    return out


def augment_one(img, flipped, crop, shift, black):
    """One sample as Deepwire's fillBatch makes it: mirrored, then cropped from the black-padded image
    (a shift by crop = (dy, dx) filled with \`black\`, a normalised all-zero image), then shifted by
    shift = (dy, dx) with 0 (the mean colour after standardisation) filling the uncovered pixels."""
    if flipped:
        img = img.flip(1)
    img = translate(img, crop[0], crop[1], black)
    return translate(img, shift[0], shift[1], torch.zeros_like(img))


def augment_batch(xb, flip, padding, generator, black, shift=0):
    """Per sample, drawing in Deepwire's order, each draw only when its augmentation is on: flip
    (probability 1/2), crop dy, dx, then shift dy, dx (each uniform in -N..N). torch's generator is not
    Deepwire's, so the batches follow the same distribution, not the same draws."""
    if not flip and padding == 0 and shift == 0:
        return xb

    def offsets(n):
        if n == 0:
            return 0, 0
        return tuple(int(v) for v in torch.randint(-n, n + 1, (2,), generator=generator))

    out = torch.empty_like(xb)
    for i in range(xb.shape[0]):
        flipped = flip and torch.rand(1, generator=generator).item() < 0.5
        crop = offsets(padding)
        out[i] = augment_one(xb[i], flipped, crop, offsets(shift), black)
    return out


def parse_schedule(text):
    """constant | cosine | step:EVERY:GAMMA | multistep:M1,M2:GAMMA[:iter], as Deepwire's --schedule."""
    kind, *rest = text.split(":")
    if kind in ("constant", "cosine") and not rest:
        return {"kind": kind}
    if kind == "step" and len(rest) == 2:
        return {"kind": "step", "every": int(rest[0]), "gamma": float(rest[1])}
    if kind == "multistep" and len(rest) in (2, 3):
        unit = "iteration" if rest[2:] == ["iter"] else "epoch"
        return {"kind": "multistep", "milestones": [int(m) for m in rest[0].split(",")],
                "gamma": float(rest[1]), "unit": unit}
    raise ValueError(f"--schedule: cannot read {text!r}")


def epochs_to_run(epochs, iterations, steps_per_epoch):
    """Epochs the run trains: --epochs, or fewer when --iterations ends it sooner (the last one partial)."""
    if iterations <= 0 or steps_per_epoch <= 0:
        return epochs
    return min(epochs, -(-iterations // steps_per_epoch))


def lr_at(base, schedule, warmup, epochs, epoch, progress, steps_per_epoch, iterations=0):
    """Deepwire's learningRateAt: linear warm-up over \`warmup\` epochs, then the schedule; the cosine
    reaches zero where the run ends (an iteration cap may end it before --epochs)."""
    position = epoch + progress
    if warmup > 0 and position < warmup:
        return base * max(position / warmup, 1e-3)
    kind = schedule["kind"]
    if kind == "step":
        return base * schedule["gamma"] ** (epoch // schedule["every"])
    if kind == "cosine":
        span = epochs_to_run(epochs, iterations, steps_per_epoch) - warmup
        t = min(max(epoch - warmup, 0) / max(span, 1), 1)
        return base * 0.5 * (1 + math.cos(math.pi * t))
    if kind == "multistep":
        at = epoch if schedule["unit"] == "epoch" else round(position * steps_per_epoch)
        return base * schedule["gamma"] ** sum(1 for m in schedule["milestones"] if at >= m)
    return base


class TfjsOptimizer(torch.optim.Optimizer):
    """The step loop tfjs's optimizers share: each parameter with a gradient gets the gradient plus its group's
    weight_decay * w, then the subclass's update applies the optimizer's own rule in place."""

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if group["weight_decay"]:
                    g = g.add(p, alpha=group["weight_decay"])
                self.update(p, g, group, self.state[p])


class TfjsRMSprop(TfjsOptimizer):
    """TensorFlow.js's RMSprop (decay 0.9, momentum 0, not centred, epsilon 1e-7):
    ms = decay * ms + (1 - decay) * g^2, then w -= lr * g / sqrt(ms + eps). torch.optim.RMSprop divides by
    sqrt(ms) + eps instead, which differs while ms is small, so this script carries tfjs's rule."""

    def __init__(self, params, lr, decay=0.9, eps=1e-7):
        super().__init__(params, {"lr": lr, "decay": decay, "eps": eps, "weight_decay": 0.0})

    def update(self, p, g, group, state):
        if "ms" not in state:
            state["ms"] = torch.zeros_like(p)
        ms = state["ms"]
        ms.mul_(group["decay"]).addcmul_(g, g, value=1 - group["decay"])
        p.sub_(g * group["lr"] / torch.sqrt(ms + group["eps"]))


class TfjsAdam(TfjsOptimizer):
    """TensorFlow.js's Adam (betas 0.9, 0.999, epsilon 1e-7): w -= lr * m_hat / (sqrt(v_hat) + eps) as
    torch.optim.Adam, but tfjs keeps beta^t as a float32 running product, so its bias correction at the
    first steps (1 - 0.999 in float32) differs from torch's double-precision one by about 1e-5 relative;
    this carries tfjs's rule so the two agree to float32 rounding."""

    def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-7):
        super().__init__(params, {"lr": lr, "betas": betas, "eps": eps, "weight_decay": 0.0})

    def update(self, p, g, group, state):
        beta1, beta2 = group["betas"]
        if "m" not in state:
            state.update(m=torch.zeros_like(p), v=torch.zeros_like(p),
                         acc1=torch.tensor(beta1, dtype=p.dtype), acc2=torch.tensor(beta2, dtype=p.dtype))
        m, v = state["m"], state["v"]
        m.mul_(beta1).add_(g, alpha=1 - beta1)
        v.mul_(beta2).addcmul_(g, g, value=1 - beta2)
        m_hat, v_hat = m / (1 - state["acc1"]), v / (1 - state["acc2"])
        p.sub_(m_hat / (torch.sqrt(v_hat) + group["eps"]) * group["lr"])
        state["acc1"].mul_(beta1)
        state["acc2"].mul_(beta2)


OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam", "rmsprop")


def make_optimizer(name, params, lr, weight_decay):
    """Deepwire's optimizer with TensorFlow.js's update rule. Weight decay adds weight_decay * w to the gradient
    of conv/dense kernels only (Deepwire's loss + weight_decay/2 * sum(w^2) over kernels), never to biases or
    batch-norm parameters. sgd: w -= lr*g. momentum: v = 0.9v + g, w -= lr*v (torch SGD, dampening 0).
    nesterov: w -= lr*(g + 0.9v) (torch's nesterov is the same rule). adam: TfjsAdam (tfjs's epsilon 1e-7,
    not torch's 1e-8, and its float32 bias correction). rmsprop: TfjsRMSprop (epsilon inside the sqrt)."""
    params = list(params)
    groups = [{"params": [p for p in params if p.dim() > 1], "weight_decay": weight_decay},
              {"params": [p for p in params if p.dim() <= 1], "weight_decay": 0.0}]
    groups = [g for g in groups if g["params"]]
    if name == "sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=0.0)
    if name == "momentum":
        return torch.optim.SGD(groups, lr=lr, momentum=0.9, dampening=0.0)
    if name == "nesterov":
        return torch.optim.SGD(groups, lr=lr, momentum=0.9, dampening=0.0, nesterov=True)
    if name == "adam":
        return TfjsAdam(groups, lr=lr)
    if name == "rmsprop":
        return TfjsRMSprop(groups, lr=lr)
    raise ValueError(f"--optimizer takes one of {', '.join(OPTIMIZERS)}, got {name!r}")


def read_recipe():
    """The training run's recipe (recipe.json beside this file) as argparse defaults; {} without one."""
    recipe_file = os.path.join(HERE, "recipe.json")
    if not os.path.exists(recipe_file):
        return {}
    with open(recipe_file, encoding="utf-8") as f:
        recipe = json.load(f)
    return {k: recipe[k] for k in RECIPE_KEYS if k in recipe}


RECIPE_KEYS = ("epochs", "iterations", "batch_size", "optimizer", "lr", "augment", "schedule", "warmup",
               "weight_decay")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--iterations", type=int, default=0,
                        help="stop after exactly N optimizer steps, the last epoch partial (0: whole epochs)")
    parser.add_argument("--optimizer", choices=OPTIMIZERS, default="momentum")
    parser.add_argument("--batch-size", type=int, default=64, help="per process")
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N samples")
    parser.add_argument("--out", default=os.path.join(HERE, "trained"))
    parser.add_argument("--from-scratch", action="store_true", help="ignore the exported weights")
    parser.add_argument("--augment", default="none", help="flip, crop:N, shift:N (e.g. flip,crop:4) or none")
    parser.add_argument("--schedule", default="constant",
                        help="constant | cosine | step:EVERY:GAMMA | multistep:M1,M2:GAMMA[:iter]")
    parser.add_argument("--warmup", type=int, default=0, help="linear warm-up epochs")
    parser.add_argument("--weight-decay", type=float, default=0.0, help="L2 on kernels (not biases or BN)")
    parser.set_defaults(**read_recipe())
    args = parser.parse_args()

    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    use_cuda = torch.cuda.is_available()
    if distributed:
        dist.init_process_group(backend="nccl" if use_cuda else "gloo")
    rank = dist.get_rank() if distributed else 0
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    device = torch.device(f"cuda:{local_rank}" if use_cuda else "cpu")
    if use_cuda:
        torch.cuda.set_device(device)
    torch.manual_seed(1234 + rank)

    model = DeepwireModel()
    if not args.from_scratch:
        load_weights(model, HERE)
    model.to(device)
    if distributed:
        model = nn.parallel.DistributedDataParallel(model, device_ids=[local_rank] if use_cuda else None)

    x, y = load_dataset(args.data)
    if args.limit > 0:
        x, y = x[: args.limit], y[: args.limit]
    dataset = TensorDataset(normalise(x, DeepwireModel.input_shape_nhwc), y)
    sampler = DistributedSampler(dataset, shuffle=True) if distributed else None
    loader = DataLoader(dataset, batch_size=args.batch_size, shuffle=sampler is None, sampler=sampler)
    flip, padding, shift = parse_augment(args.augment)
    black = normalise(torch.zeros((1,) + tuple(x.shape[1:]), dtype=torch.uint8), DeepwireModel.input_shape_nhwc)[0]
    schedule = parse_schedule(args.schedule)
    augment_rng = torch.Generator().manual_seed(4321 + rank)
    optimizer = make_optimizer(args.optimizer, model.parameters(), args.lr, args.weight_decay)
    loss_fn = nn.CrossEntropyLoss()

    step = 0
    for epoch in range(args.epochs):
        if 0 < args.iterations <= step:
            break
        if sampler is not None:
            sampler.set_epoch(epoch)
        model.train()
        total, correct, loss_sum = 0, 0, 0.0
        steps = len(loader)
        for index, (xb, yb) in enumerate(loader):
            for group in optimizer.param_groups:
                group["lr"] = lr_at(args.lr, schedule, args.warmup, args.epochs, epoch, index / steps, steps,
                                     args.iterations)
            xb = augment_batch(xb, flip, padding, augment_rng, black, shift)
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            logits = model(xb, logits=True)
            loss = loss_fn(logits, yb)
            loss.backward()
            optimizer.step()
            step += 1
            loss_sum += loss.item() * len(yb)
            correct += (logits.argmax(1) == yb).sum().item()
            total += len(yb)
            if 0 < args.iterations <= step:
                break
        if rank == 0:
            print(f"epoch {epoch + 1}/{args.epochs} loss {loss_sum / max(total, 1):.4f} "
                  f"acc {correct / max(total, 1):.4f} (rank 0 shard)", flush=True)

    if rank == 0:
        trained = model.module if distributed else model
        save_weights(trained.cpu(), args.out)
        print(f"saved weights to {args.out} after {step} optimizer steps", flush=True)
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
