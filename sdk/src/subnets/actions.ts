// The subnets module: Yuma consensus competitions over models (reads, setup, registration, stake, candidates,
// weights, epochs and rewards), the store of weight-commit salts, and the bit-exact reference epoch. Each action is
// `fn(context, params)`.
export * from "./advance.js";
export * from "./candidates.js";
export * from "./commit-reveal.js";
export {
  CommitStoreError,
  commitsFile,
  DEFAULT_COMMITS_FILE,
  readWeightCommits,
  removeWeightCommits,
  saveWeightCommit,
  type CommitKey,
  type StoredWeightCommit,
} from "./commits.js";
export { fixedProportionToU16, runEpoch } from "./epoch.js";
export type { EpochInput, EpochOutput, LiquidAlpha } from "./epoch.js";
export * from "./errors.js";
export * from "./packing.js";
export * from "./preview.js";
export * from "./reads.js";
export * from "./registration.js";
export * from "./rewards.js";
export * from "./setup.js";
export * from "./stake.js";
export type * from "./types.js";
export * from "./weights.js";
