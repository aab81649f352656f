// The revenue module: a model token's revenue sharing (reads, what payers and holders do, and the DAO's calls on
// its settings). Each action is `fn(context, params)`.
export { ETH_REVENUE_ASSET, NATIVE_ASSET } from "./assets.js";
export * from "./dao.js";
export * from "./errors.js";
export * from "./holders.js";
export * from "./reads.js";
export type * from "./types.js";
