import { SdkError } from "../errors.js";

// Failures the governance actions report before sending anything, each in words with the dates or figures
// that explain it. The contracts' own errors (GovernorUnexpectedProposalState, TimelockUnexpectedOperationState,
// ...) are decoded with the offering module's classes when the chain refuses a call anyway.

/** The model's DAO has no proposal with this number or id. */
export class ProposalNotFoundError extends SdkError {}

/** The model's sale is not over: no proposal can be made before it ends, so that buyers vote on every proposal. */
export class ProposalsNotOpenError extends SdkError {}

/** The account has no votes: its tokens (if any) vote only once delegated. */
export class NoVotingPowerError extends SdkError {}

/** The proposer's votes are below the DAO's proposal threshold. */
export class BelowProposalThresholdError extends SdkError {}

/** Voting on the proposal has not opened yet. */
export class VotingNotOpenError extends SdkError {}

/** Voting on the proposal has closed. */
export class VotingClosedError extends SdkError {}

/** The account has voted on the proposal already (or the signed vote was relayed already). */
export class AlreadyVotedError extends SdkError {}

/** The proposal did not pass: quorum not reached, or more against than for. */
export class ProposalDefeatedError extends SdkError {}

/** The proposal is queued but its timelock delay has not passed. */
export class TimelockNotReadyError extends SdkError {}

/** The proposal is not in the state the step needs (executed, cancelled, expired, still voting...). */
export class ProposalStateError extends SdkError {}

/** A signed vote is malformed, for another chain or governor, or not signed by its voter. */
export class InvalidSignedVoteError extends SdkError {}

/** A proposal's calls could not be built: a malformed calls file, a bad signature or argument, an unknown version. */
export class ProposalCallError extends SdkError {}
