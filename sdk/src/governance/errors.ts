import { id, ZeroHash } from "ethers";

import { isoTime } from "../durations.js";
import { ContractRevertError, defineRevert, SdkError } from "../errors.js";

// One class per custom error of a DAO's governor and timelock (a model's, or the protocol's), the OpenZeppelin
// errors their ABIs carry included, each with the sentence the SDK and the CLI show when the chain refuses a
// call; then the failures the governance actions report before sending anything, each in words with the dates
// or figures that explain it.

// ------------------------------------------------------------------------------- governor and timelock

/** `ERC6372InconsistentClock`: the governor's clock does not match its token's. */
export class ERC6372InconsistentClockError extends ContractRevertError {}
/** `ModelGovernorSaleNotOver`: a proposal was made before the model's sale ended. */
export class ModelGovernorSaleNotOverError extends ContractRevertError {}
/** `GovernorAlreadyCastVote`: the voter has voted on the proposal already. */
export class GovernorAlreadyCastVoteError extends ContractRevertError {}
/** `GovernorAlreadyInitializedLatestProposalId`: the proposal counter is set already. */
export class GovernorAlreadyInitializedLatestProposalIdError extends ContractRevertError {}
/** `GovernorAlreadyQueuedProposal`: the proposal is queued already. */
export class GovernorAlreadyQueuedProposalError extends ContractRevertError {}
/** `GovernorDisabledDeposit`: the governor takes no ETH. */
export class GovernorDisabledDepositError extends ContractRevertError {}
/** `GovernorInsufficientProposerVotes`: the proposer has fewer votes than the proposal threshold. */
export class GovernorInsufficientProposerVotesError extends ContractRevertError {}
/** `GovernorInvalidProposalLength`: targets, calldatas and values differ in number, or are empty. */
export class GovernorInvalidProposalLengthError extends ContractRevertError {}
/** `GovernorInvalidQuorumFraction`: the quorum fraction is above one. */
export class GovernorInvalidQuorumFractionError extends ContractRevertError {}
/** `GovernorInvalidSignature`: a vote signature is not the voter's. */
export class GovernorInvalidSignatureError extends ContractRevertError {}
/** `GovernorInvalidVoteParams`: the vote carries parameters the counting does not take. */
export class GovernorInvalidVoteParamsError extends ContractRevertError {}
/** `GovernorInvalidVoteType`: the vote is not against, for or abstain. */
export class GovernorInvalidVoteTypeError extends ContractRevertError {}
/** `GovernorInvalidVotingPeriod`: the voting period is zero. */
export class GovernorInvalidVotingPeriodError extends ContractRevertError {}
/** `GovernorNonexistentProposal`: no proposal has the id. */
export class GovernorNonexistentProposalError extends ContractRevertError {}
/** `GovernorOnlyExecutor`: only the DAO itself (through a passed proposal) may do this. */
export class GovernorOnlyExecutorError extends ContractRevertError {}
/** `GovernorProposalQueueingFailed`: the timelock did not queue the proposal. */
export class GovernorProposalQueueingFailedError extends ContractRevertError {}
/** `GovernorProposalQueueingNotRequired`: the proposal needs no queuing. */
export class GovernorProposalQueueingNotRequiredError extends ContractRevertError {}
/** `GovernorRestrictedProposer`: the proposal's description restricts who may submit it. */
export class GovernorRestrictedProposerError extends ContractRevertError {}
/** `GovernorUnableToCancel`: the account may not cancel the proposal (now). */
export class GovernorUnableToCancelError extends ContractRevertError {}
/** `GovernorUnexpectedProposalState`: the proposal is not in a state the call needs. */
export class GovernorUnexpectedProposalStateError extends ContractRevertError {}
/** `AccessControlBadConfirmation`: a role may only be renounced by its holder. */
export class AccessControlBadConfirmationError extends ContractRevertError {}
/** `AccessControlUnauthorizedAccount`: the account lacks the role the call needs. */
export class AccessControlUnauthorizedAccountError extends ContractRevertError {}
/** `TimelockInsufficientDelay`: the delay is below the timelock's minimum. */
export class TimelockInsufficientDelayError extends ContractRevertError {}
/** `TimelockInvalidOperationLength`: targets, payloads and values differ in number. */
export class TimelockInvalidOperationLengthError extends ContractRevertError {}
/** `TimelockUnauthorizedCaller`: only the timelock itself may do this. */
export class TimelockUnauthorizedCallerError extends ContractRevertError {}
/** `TimelockUnexecutedPredecessor`: the operation's predecessor has not run. */
export class TimelockUnexecutedPredecessorError extends ContractRevertError {}
/** `TimelockUnexpectedOperationState`: the operation is not in a state the call needs. */
export class TimelockUnexpectedOperationStateError extends ContractRevertError {}

// ------------------------------------------------------------------------------- SDK-side failures

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

// ---------------------------------------------------------------------------------------------- sentences

const proposalStates = ["pending", "active", "cancelled", "defeated", "succeeded", "queued", "expired", "executed"];
const operationStates = ["unset", "waiting", "ready", "done"];

/** The states set in an OpenZeppelin `bytes32` state bitmap, in words: "active or succeeded". */
function statesIn(bitmap: unknown, names: string[]): string {
  const bits = BigInt(bitmap as string);
  const set = names.filter((_, i) => (bits >> BigInt(i)) & 1n);
  return set.length === 0 ? "in no state" : set.join(" or ");
}

const roles = new Map<string, string>([
  [ZeroHash, "DEFAULT_ADMIN_ROLE"],
  ...["PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE"].map((role): [string, string] => [id(role), role]),
]);

defineRevert(
  "ERC6372InconsistentClock",
  ERC6372InconsistentClockError,
  () => "The governor's clock does not match its token's clock.",
);
defineRevert(
  "ModelGovernorSaleNotOver",
  ModelGovernorSaleNotOverError,
  (a) =>
    `The model's DAO takes proposals from the end of its sale (${a[0]}) at ${isoTime(a[1])}, so that buyers vote on every proposal.`,
);
defineRevert(
  "GovernorAlreadyCastVote",
  GovernorAlreadyCastVoteError,
  (a) => `${a[0]} has voted on this proposal already.`,
);
defineRevert(
  "GovernorAlreadyInitializedLatestProposalId",
  GovernorAlreadyInitializedLatestProposalIdError,
  () => "The governor's proposal counter is set already.",
);
defineRevert(
  "GovernorAlreadyQueuedProposal",
  GovernorAlreadyQueuedProposalError,
  (a) => `Proposal ${a[0]} is queued already.`,
);
defineRevert(
  "GovernorDisabledDeposit",
  GovernorDisabledDepositError,
  () => "The governor does not take ETH: send it to the DAO's timelock (its treasury) instead.",
);
defineRevert(
  "GovernorInsufficientProposerVotes",
  GovernorInsufficientProposerVotesError,
  (a) => `${a[0]} has ${a[1]} votes but needs ${a[2]} to propose: delegate votes to it first.`,
);
defineRevert(
  "GovernorInvalidProposalLength",
  GovernorInvalidProposalLengthError,
  (a) =>
    `A proposal needs as many targets as calldatas and values, and at least one: ${a[0]}, ${a[1]} and ${a[2]} were given.`,
);
defineRevert(
  "GovernorInvalidQuorumFraction",
  GovernorInvalidQuorumFractionError,
  (a) => `A quorum of ${a[0]}/${a[1]} is not valid: it must be at most the whole.`,
);
defineRevert("GovernorInvalidSignature", GovernorInvalidSignatureError, (a) => `The vote signature is not ${a[0]}'s.`);
defineRevert(
  "GovernorInvalidVoteParams",
  GovernorInvalidVoteParamsError,
  () => "The vote carries parameters this governor does not take.",
);
defineRevert(
  "GovernorInvalidVoteType",
  GovernorInvalidVoteTypeError,
  () => "A vote must be against (0), for (1) or abstain (2).",
);
defineRevert(
  "GovernorInvalidVotingPeriod",
  GovernorInvalidVotingPeriodError,
  (a) => `A voting period of ${a[0]} seconds is not valid: it must be longer than zero.`,
);
defineRevert("GovernorNonexistentProposal", GovernorNonexistentProposalError, (a) => `There is no proposal ${a[0]}.`);
defineRevert(
  "GovernorOnlyExecutor",
  GovernorOnlyExecutorError,
  (a) => `${a[0]} may not do this: only the DAO itself may, through a proposal that passed.`,
);
defineRevert(
  "GovernorProposalQueueingFailed",
  GovernorProposalQueueingFailedError,
  (a) => `Proposal ${a[0]} could not be queued in the timelock.`,
);
defineRevert(
  "GovernorProposalQueueingNotRequired",
  GovernorProposalQueueingNotRequiredError,
  (a) => `Proposal ${a[0]} needs no queuing.`,
);
defineRevert(
  "GovernorRestrictedProposer",
  GovernorRestrictedProposerError,
  (a) => `${a[0]} may not submit this proposal: its description names another proposer.`,
);
defineRevert(
  "GovernorUnableToCancel",
  GovernorUnableToCancelError,
  (a) => `${a[1]} may not cancel proposal ${a[0]}: only its proposer may, and only while it is pending.`,
);
defineRevert(
  "GovernorUnexpectedProposalState",
  GovernorUnexpectedProposalStateError,
  (a) =>
    `Proposal ${a[0]} is ${proposalStates[Number(a[1])] ?? `in state ${a[1]}`}, but this needs it to be ${statesIn(a[2], proposalStates)}.`,
);
defineRevert(
  "AccessControlBadConfirmation",
  AccessControlBadConfirmationError,
  () => "A role may only be renounced by the account that holds it.",
);
defineRevert(
  "AccessControlUnauthorizedAccount",
  AccessControlUnauthorizedAccountError,
  (a) => `${a[0]} does not have the role ${roles.get(String(a[1])) ?? a[1]} that this needs.`,
);
defineRevert(
  "TimelockInsufficientDelay",
  TimelockInsufficientDelayError,
  (a) => `A delay of ${a[0]} seconds is below the timelock's minimum of ${a[1]} seconds.`,
);
defineRevert(
  "TimelockInvalidOperationLength",
  TimelockInvalidOperationLengthError,
  (a) => `An operation needs as many targets as payloads and values: ${a[0]}, ${a[1]} and ${a[2]} were given.`,
);
defineRevert(
  "TimelockUnauthorizedCaller",
  TimelockUnauthorizedCallerError,
  (a) => `${a[0]} may not do this: only the timelock itself may.`,
);
defineRevert(
  "TimelockUnexecutedPredecessor",
  TimelockUnexecutedPredecessorError,
  (a) => `The operation ${a[0]} it depends on has not been executed yet.`,
);
defineRevert(
  "TimelockUnexpectedOperationState",
  TimelockUnexpectedOperationStateError,
  (a) => `The timelock operation ${a[0]} is not ${statesIn(a[1], operationStates)}.`,
);
