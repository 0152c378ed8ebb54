"""PyTorch side of Deepwire's training-parity harness (main/engine/parity).

usage: torch_parity.py JOBS.json

JOBS.json lists jobs; each names an exported model folder (model.py + weights),
the batches Deepwire fed (x: float32 NHWC, y: int32, back to back in feed
order), the per-step learning rates and the recipe. For each job this prints
one JSON line: the step-1 loss and logits, every parameter's step-1 gradient
(written to a float32 file in state_dict order), the loss after every step,
and, for a full recipe, the running and evaluated error per epoch.

Weight decay follows Deepwire's semantics: an L2 term (decay/2)*sum(w^2) on
conv and linear weights only, i.e. SGD weight_decay on those parameters.

A full-recipe job with "referenceSeed" also trains the same architecture the
way a PyTorch user would, as the reference: PyTorch's own initialisation
(kaiming_normal_ conv and linear weights, as the reference CIFAR ResNets),
its own seeded shuffle of the train split, and SGD weight_decay on every
parameter. It reports the same per-epoch errors under "reference".
"""
import importlib
import json
import sys

import torch
import torch.nn.functional as F


def read_f32(path, shape):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    return torch.frombuffer(data, dtype=torch.float32).reshape(shape).clone()


def read_i32(path):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    return torch.frombuffer(data, dtype=torch.int32).long().clone()


def load_model(folder):
    sys.path.insert(0, folder)
    try:
        module = importlib.import_module("model")
        module = importlib.reload(module)
    finally:
        sys.path.pop(0)
    sys.modules.pop("model", None)
    return module.load_weights(module.DeepwireModel(), folder)


def decayed(name, param):
    return param.dim() > 1 and name.endswith("weight")


def batches(x, y, sizes):
    start = 0
    for size in sizes:
        yield x[start : start + size], y[start : start + size]
        start += size


def evaluate(model, x, y, batch_size):
    model.eval()
    correct, loss_sum = 0, 0.0
    with torch.no_grad():
        for start in range(0, len(y), batch_size):
            logits = model(x[start : start + batch_size], logits=True)
            target = y[start : start + batch_size]
            loss_sum += F.cross_entropy(logits, target, reduction="sum").item()
            correct += (logits.argmax(1) == target).sum().item()
    model.train()
    n = max(len(y), 1)
    return {"loss": loss_sum / n, "error": 1 - correct / n}


def reference_init(model, seed):
    torch.manual_seed(seed)
    for module in model.modules():
        if isinstance(module, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.kaiming_normal_(module.weight)
            if module.bias is not None:
                torch.nn.init.zeros_(module.bias)
        elif isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
            module.reset_parameters()
    return model


def run_reference(job, h, w, c):
    """The recipe as plain PyTorch trains it: own init, own shuffle, decay on every parameter."""
    seed = job["referenceSeed"]
    model = reference_init(load_model(job["modelDir"]), seed)
    model.train()
    ex = read_f32(job["evalXFile"], (job["evalCount"], h, w, c))
    ey = read_i32(job["evalYFile"])
    vx = read_f32(job["valXFile"], (job["valCount"], h, w, c))
    vy = read_i32(job["valYFile"])
    rates = job["learningRates"]
    per_epoch = job["stepsPerEpoch"]
    batch = job["evalBatch"]
    optimizer = torch.optim.SGD(
        model.parameters(), lr=rates[0], momentum=job["momentum"], weight_decay=job["weightDecay"]
    )
    generator = torch.Generator().manual_seed(seed)
    epochs, step = [], 0
    for _ in range(len(rates) // per_epoch):
        order = torch.randperm(len(ey), generator=generator)
        correct, seen = 0, 0
        for start in range(0, len(ey), batch):
            idx = order[start : start + batch]
            xb, yb = ex[idx], ey[idx]
            for group in optimizer.param_groups:
                group["lr"] = rates[min(step, len(rates) - 1)]
            optimizer.zero_grad()
            logits = model(xb, logits=True)
            F.cross_entropy(logits, yb).backward()
            optimizer.step()
            correct += (logits.argmax(1) == yb).sum().item()
            seen += len(yb)
            step += 1
        epochs.append(
            {
                "runningError": 1 - correct / max(seen, 1),
                "train": evaluate(model, ex, ey, batch),
                "val": evaluate(model, vx, vy, batch),
            }
        )
    return epochs


def run_job(job):
    torch.manual_seed(0)
    model = load_model(job["modelDir"])
    model.train()
    h, w, c = job["inputShape"]
    sizes = job["batchSizes"]
    x = read_f32(job["xFile"], (sum(sizes), h, w, c))
    y = read_i32(job["yFile"])
    decay = job["weightDecay"]
    named = list(model.named_parameters())
    groups = [
        {"params": [p for n, p in named if decayed(n, p)], "weight_decay": decay},
        {"params": [p for n, p in named if not decayed(n, p)], "weight_decay": 0.0},
    ]
    momentum = job["momentum"]
    optimizer = torch.optim.SGD(groups, lr=job["learningRates"][0], momentum=momentum)
    out = {"name": job["name"], "losses": [], "epochs": []}
    steps_per_epoch = job.get("stepsPerEpoch") or len(sizes)
    running_correct, running_seen = 0, 0
    for step, (xb, yb) in enumerate(batches(x, y, sizes)):
        for group in optimizer.param_groups:
            group["lr"] = job["learningRates"][step]
        optimizer.zero_grad()
        logits = model(xb, logits=True)
        loss = F.cross_entropy(logits, yb)
        loss.backward()
        if step == 0:
            penalty = sum((p.detach() ** 2).sum() for n, p in named if decayed(n, p))
            out["loss1"] = loss.item() + decay / 2 * float(penalty)
            out["logits1"] = logits.detach().reshape(-1).tolist()
            grads = []
            for name, p in named:
                g = p.grad.detach().clone()
                if decayed(name, p):
                    g += decay * p.detach()
                grads.append((name, g))
            write_grads(job["gradFile"], grads)
            write_grads(job["gradFile"] + "64", double_grads(job, xb, yb, decay))
            out["gradKeys"] = [[n, list(g.shape)] for n, g in grads]
        optimizer.step()
        out["losses"].append(loss.item())
        running_correct += (logits.argmax(1) == yb).sum().item()
        running_seen += len(yb)
        if job.get("evaluate") and (step + 1) % steps_per_epoch == 0:
            epoch = {"runningError": 1 - running_correct / max(running_seen, 1)}
            running_correct, running_seen = 0, 0
            ex = read_f32(job["evalXFile"], (job["evalCount"], h, w, c))
            ey = read_i32(job["evalYFile"])
            vx = read_f32(job["valXFile"], (job["valCount"], h, w, c))
            vy = read_i32(job["valYFile"])
            epoch["train"] = evaluate(model, ex, ey, job["evalBatch"])
            epoch["val"] = evaluate(model, vx, vy, job["evalBatch"])
            out["epochs"].append(epoch)
    if job.get("evaluate") and job.get("referenceSeed") is not None:
        out["reference"] = run_reference(job, h, w, c)
    return out


def pin_relus(model, spec):
    """Make each ReLU let through exactly what Deepwire's forward did (its masks, NHWC on disk)."""
    with open(spec["file"], "rb") as f:
        data = bytearray(f.read())
    modules = dict(model.named_modules())
    for entry in spec["layout"]:
        shape, offset = entry["shape"], entry["offset"]
        count = 1
        for d in shape:
            count *= d
        mask = torch.frombuffer(data, dtype=torch.uint8, count=count, offset=offset).reshape(shape)
        if len(shape) == 4:
            mask = mask.permute(0, 3, 1, 2)
        mask = mask.double().clone()
        module = modules[entry["module"]]
        module.register_forward_hook(lambda _m, inputs, _out, mask=mask: inputs[0] * mask)


def double_grads(job, xb, yb, decay):
    """The same step-1 gradients in float64: the reference float32 rounding is judged against,
    on Deepwire's side of every ReLU kink when its masks came with the job."""
    model = load_model(job["modelDir"]).double()
    if job.get("reluMasks"):
        pin_relus(model, job["reluMasks"])
    model.train()
    F.cross_entropy(model(xb.double(), logits=True), yb).backward()
    out = []
    for name, p in model.named_parameters():
        g = p.grad.detach().clone()
        if decayed(name, p):
            g += decay * p.detach()
        out.append((name, g.float()))
    return out


def write_grads(path, grads):
    with open(path, "wb") as f:
        for _, g in grads:
            f.write(g.contiguous().reshape(-1).numpy().astype("<f4").tobytes())


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    torch.set_num_threads(int(jobs.get("threads", 1)))
    torch.use_deterministic_algorithms(True)
    for job in jobs["jobs"]:
        print(json.dumps(run_job(job)), flush=True)


if __name__ == "__main__":
    main()
