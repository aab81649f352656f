// The emission module: the protocol token's emission, split across subnets by its holders' votes (reads, votes,
// refreshes and distribution), and its errors. Each action is `fn(context, ...)`; the client binds them as
// `client.emission.vote`, `client.emission.period`...
export { describeEmissionActivity, describeEmissionSettings, EMISSION_ACTIVITIES } from "./describe.js";
export * from "./distribution.js";
export * from "./errors.js";
export * from "./reads.js";
export * from "./refresh.js";
export * from "./shares.js";
export type * from "./types.js";
export * from "./votes.js";
