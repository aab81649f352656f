// The registry module: reads, writes and registration by commitment, each action `fn(context, params)`.
export * from "./reads.js";
export * from "./writes.js";
export * from "./commitments.js";
