/** A worker entry for strayErrors.test.ts: rejects a promise nothing awaits, after saying it is ready. */
import { connectToParent } from './parentPort';
import { exitOnStrayErrors } from './strayErrors';

const port = connectToParent(undefined, 'strayErrors.fixture.ts');
exitOnStrayErrors(
  port,
  (reason) => ({ type: 'stray', reason }),
  () => undefined,
);
// Keeps the process busy, as a training loop would: only the guard ends it.
setInterval(() => undefined, 1000);
port.listen(() => {
  void Promise.reject(new Error('nobody awaited this'));
});
