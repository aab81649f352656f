// The offering module: a launched model's sale (reads, buying, settlement), the team's vesting wallets, and the
// launch itself (a sale, or a bonding curve) with its configuration and allowlist. Each action is `fn(context, params)`.
export { LAUNCH_PAGE } from "../launches.js";
export * from "./allowlist.js";
export * from "./buy.js";
export * from "./config.js";
export * from "./errors.js";
export * from "./launch-errors.js";
export * from "./launch.js";
export {
  planLaunch,
  poolFill,
  type LaunchPlan,
  type PlanLaunchParameters,
  type PoolFill,
  type PoolPlan,
} from "./plan.js";
export * from "./curve-plan.js";
export * from "./reads.js";
export * from "./settlement.js";
export * from "./status.js";
export * from "./token-errors.js";
export * from "./vesting.js";
export type * from "./types.js";
