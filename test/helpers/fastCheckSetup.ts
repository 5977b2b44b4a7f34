/**
 * The property tests run with one fixed seed, so that `npm test` gives the same answer on every
 * machine; `FC_SEED=<number>` runs them with another seed, `FC_SEED=random` with a new one each time
 * (fast-check prints the seed of a failure, to replay it).
 */
import fc from 'fast-check';

const setting = process.env.FC_SEED ?? '20261207';
if (setting !== 'random') fc.configureGlobal({ seed: Number(setting) });
