// The governance module: a DAO's reads, proposals from their making to their execution, votes and delegation,
// and the builders of the calls a proposal makes. Each action is `fn(context, params)`.
export * from "./builders.js";
export * from "./errors.js";
export { PROTOCOL_DAO } from "./internal.js";
export * from "./lifecycle.js";
export * from "./promotion.js";
export { PROPOSAL_STATES, VOTE_SUPPORT, type ProposalScanOptions } from "./proposals.js";
export * from "./reads.js";
export * from "./settings.js";
export type * from "./types.js";
export * from "./votes.js";
