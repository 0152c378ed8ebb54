// One kernel pool thread: instantiates the kernels on the shared memory with
// its own stack, reports ready, then parks in the wasm worker loop for good.
import { parentPort, workerData } from 'node:worker_threads';

const { module, memory, tid, stackTop } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
instance.exports.__stack_pointer.value = stackTop;
parentPort.postMessage({ ready: tid });
instance.exports.worker_loop(tid);
