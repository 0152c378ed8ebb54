/**
 * The exported train.py: trains model.py on Deepwire's dataset formats (an
 * IDX folder like MNIST/Fashion-MNIST, or CIFAR-10's binary batches). The
 * same file runs on one process or under torchrun (DistributedDataParallel:
 * NCCL on GPUs, gloo on CPU; a DistributedSampler splits each epoch; rank 0
 * writes the weights).
 */
export const TRAIN_PY = `"""Train the exported Deepwire model with PyTorch.

One process:   python3 train.py --data DATA_DIR --epochs 10 --out trained
One machine:   torchrun --nproc_per_node=4 train.py --data DATA_DIR --out trained
Several:       torchrun --nnodes=2 --nproc_per_node=4 --rdzv-backend=c10d \\\\
                 --rdzv-endpoint=HOST:29500 --rdzv-id=run1 train.py --data DATA_DIR --out trained

DATA_DIR is an IDX folder (train-images-idx3-ubyte + train-labels-idx1-ubyte, optionally .gz)
or a CIFAR-10 binary folder (data_batch_*.bin). Pixels are scaled to 0..1 and standardised with
normalisation.json (the training run's statistics) when it sits beside this file.
"""
import argparse
import glob
import gzip
import json
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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=64, help="per process")
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N samples")
    parser.add_argument("--out", default=os.path.join(HERE, "trained"))
    parser.add_argument("--from-scratch", action="store_true", help="ignore the exported weights")
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
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        model.train()
        total, correct, loss_sum = 0, 0, 0.0
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            logits = model(xb, logits=True)
            loss = loss_fn(logits, yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(yb)
            correct += (logits.argmax(1) == yb).sum().item()
            total += len(yb)
        if rank == 0:
            print(f"epoch {epoch + 1}/{args.epochs} loss {loss_sum / max(total, 1):.4f} "
                  f"acc {correct / max(total, 1):.4f} (rank 0 shard)", flush=True)

    if rank == 0:
        trained = model.module if distributed else model
        save_weights(trained.cpu(), args.out)
        print(f"saved weights to {args.out}", flush=True)
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
