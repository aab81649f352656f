// The promotion module: a bound subnet's winning candidate published as its model's next version, with its miner
// credited (bindings, status, promotion, parents declared, bounties), and its errors. Each action is
// `fn(context, ...)`; the client binds them as `client.promotion.status`, `client.promotion.promote`...
export { describeBounty, describePromotionStatus } from "./describe.js";
export * from "./errors.js";
export * from "./reads.js";
export type * from "./types.js";
export * from "./writes.js";
