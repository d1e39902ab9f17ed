// Property tests explore new random cases on every local run. Under CI they replay one fixed
// seed (or FC_SEED), so a landing is reproducible; a failure prints its seed and path either way.
import fc from 'fast-check';

const fixed = process.env.FC_SEED ?? (process.env.CI ? '20261122' : undefined);
if (fixed !== undefined) fc.configureGlobal({ seed: Number(fixed) });
