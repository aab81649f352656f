// The curve module: a model token's bonding-curve launch (reads, quotes, buys and sales, graduation into its pool,
// fees, the refund path). Each action is `fn(context, params)`. The curve contract's errors are in
// ../market/curve-errors.ts.
export * from "./errors.js";
export * from "./list.js";
export * from "./reads.js";
export * from "./trade.js";
export * from "./upkeep.js";
export type * from "./types.js";
