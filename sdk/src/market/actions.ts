// The market module: a model token's Uniswap V2 pool, opened by its sale (reads, quotes, swaps through the router).
// Each action is `fn(context, params)`.
export * from "./abi.js";
export * from "./errors.js";
export * from "./reads.js";
export * from "./swap.js";
export type * from "./types.js";
