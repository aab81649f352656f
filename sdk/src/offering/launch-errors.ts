import { formatDuration, isoTime } from "../durations.js";
import { ContractRevertError, defineRevert } from "../errors.js";

// One class per custom error of the launch factory (and of the clones and the protocol token it deploys), each
// with the sentence the SDK and the CLI show. Times are unix seconds and are shown as dates; durations in words.

// ---------------------------------------------------------------------------------- the launch factory

/** `LaunchNotModelOwner`: the caller does not own the model in the registry. */
export class LaunchNotModelOwnerError extends ContractRevertError {}
/** `LaunchAlreadyLaunched`: the model has been launched already. */
export class LaunchAlreadyLaunchedError extends ContractRevertError {}
/** `LaunchSplitMismatch`: sale, team, treasury and liquidity do not add up to the supply. */
export class LaunchSplitMismatchError extends ContractRevertError {}
/** `LaunchTooManyBeneficiaries`: more team members than a launch may vest to. */
export class LaunchTooManyBeneficiariesError extends ContractRevertError {}
/** `LaunchInvalidBeneficiary`: a team allocation has no beneficiary or no amount. */
export class LaunchInvalidBeneficiaryError extends ContractRevertError {}
/** `LaunchInvalidQuorum`: the DAO's quorum is not 1 to 100 percent. */
export class LaunchInvalidQuorumError extends ContractRevertError {}
/** `LaunchVotingDelayTooShort`: the DAO's voting delay is below the factory's minimum. */
export class LaunchVotingDelayTooShortError extends ContractRevertError {}
/** `LaunchVotingPeriodTooShort`: the DAO's voting period is below the factory's minimum. */
export class LaunchVotingPeriodTooShortError extends ContractRevertError {}
/** `LaunchTimelockDelayTooShort`: the timelock's delay is below the factory's minimum. */
export class LaunchTimelockDelayTooShortError extends ContractRevertError {}
/** `LaunchVestingBeforeSaleEnd`: a team allocation starts vesting before the sale ends. */
export class LaunchVestingBeforeSaleEndError extends ContractRevertError {}
/** `LaunchInvalidLiquidityRecipient`: the liquidity reserve would go to a contract that could never move it. */
export class LaunchInvalidLiquidityRecipientError extends ContractRevertError {}
/** `LaunchInvalidPool`: a pool without a reserve, with another recipient for it, or with terms out of range. */
export class LaunchInvalidPoolError extends ContractRevertError {}
/** `LaunchFeeTooHigh`: the factory's fee is above the maximum. */
export class LaunchFeeTooHighError extends ContractRevertError {}
/** `LaunchFeeRecipientMissing`: the factory has a fee but nobody to receive it. */
export class LaunchFeeRecipientMissingError extends ContractRevertError {}
/** `LaunchInvalidImplementation`: an implementation given to the factory is not a contract. */
export class LaunchInvalidImplementationError extends ContractRevertError {}
/** `LaunchUnknownGeneration`: the factory has no such generation of implementations. */
export class LaunchUnknownGenerationError extends ContractRevertError {}
/** `ProtocolTokenDistributionMismatch`: the protocol token's deployment lists holders and amounts of different lengths. */
export class ProtocolTokenDistributionMismatchError extends ContractRevertError {}
/** `ProtocolTokenEmptyDistribution`: the protocol token's deployment would mint nothing. */
export class ProtocolTokenEmptyDistributionError extends ContractRevertError {}
/** `FailedDeployment`: a clone could not be created. */
export class FailedDeploymentError extends ContractRevertError {}
/** `Create2EmptyBytecode`: a contract was to be created from empty code. */
export class Create2EmptyBytecodeError extends ContractRevertError {}
/** `CloneArgumentsTooLong`: a clone's immutable arguments do not fit in its code. */
export class CloneArgumentsTooLongError extends ContractRevertError {}

// ---------------------------------------------------------------------------------------- sentences

const seconds = (value: unknown): string => formatDuration(Number(value));

defineRevert(
  "LaunchNotModelOwner",
  LaunchNotModelOwnerError,
  (a) => `${a[1]} does not own model #${a[0]}: only its owner can launch it.`,
);
defineRevert(
  "LaunchAlreadyLaunched",
  LaunchAlreadyLaunchedError,
  (a) => `Model #${a[0]} has been launched already; its sale is ${a[1]}.`,
);
defineRevert(
  "LaunchSplitMismatch",
  LaunchSplitMismatchError,
  (a) => `The sale, team, treasury and liquidity add up to ${a[0]}, not to the supply of ${a[1]}.`,
);
defineRevert(
  "LaunchTooManyBeneficiaries",
  LaunchTooManyBeneficiariesError,
  (a) => `A launch may vest tokens to at most ${a[1]} team members; ${a[0]} were given.`,
);
defineRevert(
  "LaunchInvalidBeneficiary",
  LaunchInvalidBeneficiaryError,
  (a) => `Team allocation ${a[0]} has no beneficiary or no amount.`,
);
defineRevert(
  "LaunchInvalidQuorum",
  LaunchInvalidQuorumError,
  (a) => `A quorum of ${a[0]}% is not valid: the DAO's quorum must be 1 to 100 percent (dao.quorumPercent).`,
);
defineRevert(
  "LaunchVotingDelayTooShort",
  LaunchVotingDelayTooShortError,
  (a) =>
    `A voting delay of ${seconds(a[0])} is shorter than the ${seconds(a[1])} a launch must give buyers to settle and delegate (dao.votingDelay).`,
);
defineRevert(
  "LaunchVotingPeriodTooShort",
  LaunchVotingPeriodTooShortError,
  (a) =>
    `A voting period of ${seconds(a[0])} is shorter than the ${seconds(a[1])} a launch must give holders to vote (dao.votingPeriod).`,
);
defineRevert(
  "LaunchTimelockDelayTooShort",
  LaunchTimelockDelayTooShortError,
  (a) =>
    `A timelock delay of ${seconds(a[0])} is shorter than the ${seconds(a[1])} a launch must give holders between a decision and its execution (dao.timelockDelay).`,
);
defineRevert(
  "LaunchVestingBeforeSaleEnd",
  LaunchVestingBeforeSaleEndError,
  (a) =>
    `Team allocation ${a[0]} starts vesting at ${isoTime(a[1])}, before the sale ends at ${isoTime(a[2])}: vesting may start no earlier (split.team.${a[0]}.start).`,
);
defineRevert(
  "LaunchInvalidLiquidityRecipient",
  LaunchInvalidLiquidityRecipientError,
  (a) =>
    `The liquidity reserve cannot go to ${a[0]}, a contract of the launch or of the protocol that could never move it (split.liquidityRecipient).`,
);
defineRevert(
  "LaunchInvalidPool",
  LaunchInvalidPoolError,
  (a) =>
    `The pool is not valid: it needs a liquidity reserve (${a[0]} token units given) and no other recipient for it, a share of the proceeds of 1 to 10,000 basis points (${a[1]} given) and a lock the liquidity lock accepts (${seconds(a[2])} given) (liquidity).`,
);
defineRevert(
  "LaunchFeeTooHigh",
  LaunchFeeTooHighError,
  (a) => `A protocol fee of ${a[0]} basis points is above the maximum of ${a[1]}.`,
);
defineRevert(
  "LaunchFeeRecipientMissing",
  LaunchFeeRecipientMissingError,
  () => "A factory with a protocol fee needs an account to receive it.",
);
defineRevert(
  "LaunchInvalidImplementation",
  LaunchInvalidImplementationError,
  (a) => `${a[0]} cannot be an implementation of later launches: it is not a contract.`,
);
defineRevert(
  "LaunchUnknownGeneration",
  LaunchUnknownGenerationError,
  (a) => `The factory has no generation ${a[0]} of implementations; it has ${a[1]} (numbered from 0).`,
);
defineRevert(
  "ProtocolTokenDistributionMismatch",
  ProtocolTokenDistributionMismatchError,
  (a) =>
    `The protocol token's distribution lists ${a[0]} holder(s) but ${a[1]} amount(s): give one amount per holder (tokenHolders, tokenAmounts).`,
);
defineRevert(
  "ProtocolTokenEmptyDistribution",
  ProtocolTokenEmptyDistributionError,
  () =>
    "The protocol token's distribution mints nothing: give tokenHolders and tokenAmounts that add up to the supply.",
);
defineRevert("FailedDeployment", FailedDeploymentError, () => "A contract of the launch could not be created.");
defineRevert(
  "Create2EmptyBytecode",
  Create2EmptyBytecodeError,
  () => "A contract of the launch could not be created: its code is empty.",
);
defineRevert(
  "CloneArgumentsTooLong",
  CloneArgumentsTooLongError,
  () => "A contract of the launch could not be created: its fixed terms are too long for its code.",
);
