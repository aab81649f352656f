import type { Result } from "ethers";

import { formatDuration, isoTime } from "../durations.js";
import { ContractRevertError, defineRevert, SdkError } from "../errors.js";
import { statusName } from "./status.js";
import type { OfferingStatus } from "./types.js";

// One class per custom error of the offering contracts (sale, launch factory, model token, vesting wallets), the
// OpenZeppelin errors their ABIs carry included, each with the sentence the SDK and the CLI show. Amounts in the
// errors are in the smallest units of their token (the payment asset's for a sale, 18 decimals for a model token);
// times are unix seconds and are shown as dates.

// ------------------------------------------------------------------------------------------- the sale

/** `OfferingInvalidWindow`: the sale window is not in the future or ends before it starts. */
export class OfferingInvalidWindowError extends ContractRevertError {}
/** `OfferingInvalidCaps`: the caps are not 0 < soft cap <= hard cap. */
export class OfferingInvalidCapsError extends ContractRevertError {}
/** `OfferingInvalidPrice`: the price is zero. */
export class OfferingInvalidPriceError extends ContractRevertError {}
/** `OfferingHardCapAboveSupply`: the hard cap would buy more than the tokens for sale. */
export class OfferingHardCapAboveSupplyError extends ContractRevertError {}
/** `OfferingWrongStatus`: the call comes at the wrong time for where the sale stands; `status` says where. */
export class OfferingWrongStatusError extends ContractRevertError {
  /** Where the sale stood when it refused. */
  get status(): OfferingStatus {
    return statusName(this.args[0]);
  }
}
/** `OfferingZeroDeposit`: the deposit is zero (or a fee-on-transfer token delivered nothing). */
export class OfferingZeroDepositError extends ContractRevertError {}
/** `OfferingWrongPaymentAsset`: ETH sent to a sale paid in an ERC-20, or the ERC-20 path used for an ETH sale. */
export class OfferingWrongPaymentAssetError extends ContractRevertError {}
/** `OfferingWalletCapExceeded`: the account's deposits would pass the wallet cap. */
export class OfferingWalletCapExceededError extends ContractRevertError {}
/** `OfferingNotAllowlisted`: the account is not on the allowlist, or the proof is wrong. */
export class OfferingNotAllowlistedError extends ContractRevertError {}
/** `OfferingNothingToSettle`: the account deposited nothing or has settled already. */
export class OfferingNothingToSettleError extends ContractRevertError {}
/** `OfferingNotAdmin`: someone other than the team tried to cancel. */
export class OfferingNotAdminError extends ContractRevertError {}
/** `OfferingNotFullySettled`: deposits still wait for their owners, so the sale cannot be swept. */
export class OfferingNotFullySettledError extends ContractRevertError {}
/** `OfferingNoFee`: there is no protocol fee to pay out. */
export class OfferingNoFeeError extends ContractRevertError {}
/** `OfferingNotASale`: the sale implementation itself was called instead of a launched sale. */
export class OfferingNotASaleError extends ContractRevertError {}
/** `OfferingInvalidRecipient`: a claim named the zero address or the sale itself, where its assets would be lost. */
export class OfferingInvalidRecipientError extends ContractRevertError {}

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

// ------------------------------------------------------------- tokens, signatures (OpenZeppelin's errors)

/** `ModelTokenEmptySupply`: the allocations minted at launch add up to nothing. */
export class ModelTokenEmptySupplyError extends ContractRevertError {}
/** `ModelTokenSupplyTooLarge`: the allocations minted at launch add up to more than a token can hold. */
export class ModelTokenSupplyTooLargeError extends ContractRevertError {}
/** `ModelTokenAlreadyInitialized`: the token was initialised already, or is the implementation tokens are cloned from. */
export class ModelTokenAlreadyInitializedError extends ContractRevertError {}
/** `ERC20InsufficientBalance`: the sender holds fewer tokens than it sends. */
export class ERC20InsufficientBalanceError extends ContractRevertError {}
/** `ERC20InsufficientAllowance`: the spender is allowed less than it spends. */
export class ERC20InsufficientAllowanceError extends ContractRevertError {}
/** `ERC20InvalidApprover`: the approver is not a valid account (the zero address). */
export class ERC20InvalidApproverError extends ContractRevertError {}
/** `ERC20InvalidReceiver`: the receiver is not a valid account (the zero address). */
export class ERC20InvalidReceiverError extends ContractRevertError {}
/** `ERC20InvalidSender`: the sender is not a valid account (the zero address). */
export class ERC20InvalidSenderError extends ContractRevertError {}
/** `ERC20InvalidSpender`: the spender is not a valid account (the zero address). */
export class ERC20InvalidSpenderError extends ContractRevertError {}
/** `ERC20ExceededSafeSupply`: the supply would pass what vote checkpoints can count. */
export class ERC20ExceededSafeSupplyError extends ContractRevertError {}
/** `ERC2612ExpiredSignature`: the permit's deadline has passed. */
export class ERC2612ExpiredSignatureError extends ContractRevertError {}
/** `ERC2612InvalidSigner`: the permit is not signed by the owner. */
export class ERC2612InvalidSignerError extends ContractRevertError {}
/** `ERC5805FutureLookup`: votes were asked for at a time that has not come yet. */
export class ERC5805FutureLookupError extends ContractRevertError {}
/** `VotesExpiredSignature`: a delegation signature has expired. */
export class VotesExpiredSignatureError extends ContractRevertError {}
/** `InvalidAccountNonce`: a signature's nonce is not the account's current one. */
export class InvalidAccountNonceError extends ContractRevertError {}
/** `ECDSAInvalidSignature`: the signature does not recover to an address. */
export class ECDSAInvalidSignatureError extends ContractRevertError {}
/** `ECDSAInvalidSignatureLength`: the signature is not 65 bytes long. */
export class ECDSAInvalidSignatureLengthError extends ContractRevertError {}
/** `ECDSAInvalidSignatureS`: the signature's `s` is in the upper half of the curve order. */
export class ECDSAInvalidSignatureSError extends ContractRevertError {}
/** `CheckpointUnorderedInsertion`: a vote checkpoint was written out of order. */
export class CheckpointUnorderedInsertionError extends ContractRevertError {}
/** `SafeCastOverflowedUintDowncast`: a number does not fit the bits it is stored in. */
export class SafeCastOverflowedUintDowncastError extends ContractRevertError {}
/** `SafeERC20FailedOperation`: an ERC-20 refused a transfer or an approval. */
export class SafeERC20FailedOperationError extends ContractRevertError {}
/** `InsufficientBalance`: a contract holds less ETH than it sends. */
export class InsufficientBalanceError extends ContractRevertError {}
/** `FailedCall`: a call to another contract (or an ETH transfer) failed without a reason. */
export class FailedCallError extends ContractRevertError {}
/** `ReentrancyGuardReentrantCall`: the contract was entered again while busy. */
export class ReentrancyGuardReentrantCallError extends ContractRevertError {}
/** `InvalidInitialization`: the contract is initialised already, or is an implementation. */
export class InvalidInitializationError extends ContractRevertError {}
/** `NotInitializing`: an initialiser step was called outside initialisation. */
export class NotInitializingError extends ContractRevertError {}

// ---------------------------------------------------------------------------------- vesting wallets

/** `InvalidCliffDuration`: the cliff is longer than the vesting duration. */
export class InvalidCliffDurationError extends ContractRevertError {}
/** `OwnableUnauthorizedAccount`: the caller is not the owner (a vesting wallet's beneficiary). */
export class OwnableUnauthorizedAccountError extends ContractRevertError {}
/** `OwnableInvalidOwner`: the new owner is not a valid account. */
export class OwnableInvalidOwnerError extends ContractRevertError {}

// ------------------------------------------------------------------------------- SDK-side failures

/** The model exists but has not been launched: it has no offering. */
export class OfferingNotFoundError extends SdkError {}

/** A claim names an address where the assets would be lost: the zero address or the sale itself. */
export class InvalidRecipientError extends SdkError {}

/** An allowlist could not be built, read, or does not match the sale, or leaves the account out. */
export class AllowlistError extends SdkError {}

// ---------------------------------------------------------------------------------------- sentences

const seconds = (value: unknown): string => formatDuration(Number(value));

const stage: Record<OfferingStatus, string> = {
  Upcoming: "has not started yet",
  Live: "is still open",
  Ended: "has ended but is not finalised yet",
  Failed: "is over: it failed to reach its soft cap",
  Succeeded: "is over: it succeeded",
  Oversubscribed: "is over: it was oversubscribed",
  Cancelled: "was cancelled",
};

const wrongStatus = (a: Result): string => `This is not possible now: the sale ${stage[statusName(a[0])]}.`;

defineRevert(
  "OfferingInvalidWindow",
  OfferingInvalidWindowError,
  (a) =>
    `The sale window ${isoTime(a[0])} to ${isoTime(a[1])} is not valid: it must start no earlier than now (${isoTime(a[2])}) and end after it starts.`,
);
defineRevert(
  "OfferingInvalidCaps",
  OfferingInvalidCapsError,
  (a) => `The caps are not valid: the soft cap (${a[0]}) must be above zero and at most the hard cap (${a[1]}).`,
);
defineRevert("OfferingInvalidPrice", OfferingInvalidPriceError, () => "The price of a token must be above zero.");
defineRevert(
  "OfferingHardCapAboveSupply",
  OfferingHardCapAboveSupplyError,
  (a) => `The hard cap (${a[0]}) is more than all the tokens for sale cost at the price (${a[1]}).`,
);
defineRevert("OfferingWrongStatus", OfferingWrongStatusError, wrongStatus);
defineRevert(
  "OfferingZeroDeposit",
  OfferingZeroDepositError,
  () => "A deposit must be more than zero (or the payment token delivered nothing).",
);
defineRevert("OfferingWrongPaymentAsset", OfferingWrongPaymentAssetError, (a) =>
  BigInt(a[0] as string) === 0n
    ? "This sale is paid in ETH, not in an ERC-20."
    : `This sale is paid in the ERC-20 at ${a[0]}, not in ETH.`,
);
defineRevert(
  "OfferingWalletCapExceeded",
  OfferingWalletCapExceededError,
  (a) =>
    `${a[0]} would have deposited ${a[1]} in all, above the per-wallet cap of ${a[2]} (in the payment asset's smallest units).`,
);
defineRevert(
  "OfferingNotAllowlisted",
  OfferingNotAllowlistedError,
  (a) => `${a[0]} is not on the sale's allowlist, or the proof given is wrong.`,
);
defineRevert(
  "OfferingNothingToSettle",
  OfferingNothingToSettleError,
  (a) => `${a[0]} has nothing to settle: it deposited nothing, or has settled already.`,
);
defineRevert(
  "OfferingNotAdmin",
  OfferingNotAdminError,
  (a) => `${a[0]} is not the sale's team account: only the team may cancel it.`,
);
defineRevert(
  "OfferingNotFullySettled",
  OfferingNotFullySettledError,
  (a) => `Deposits of ${a[0]} are not settled yet: every depositor must settle before the sale is swept.`,
);
defineRevert("OfferingNoFee", OfferingNoFeeError, () => "There is no protocol fee to pay out.");
defineRevert(
  "OfferingNotASale",
  OfferingNotASaleError,
  () => "That address is the sale implementation, not a launched sale: use the offering address of a launch.",
);
defineRevert("OfferingInvalidRecipient", OfferingInvalidRecipientError, (a) =>
  BigInt(a[0] as string) === 0n
    ? "A claim cannot send tokens and refunds to the zero address, where they would be burned: give an address you control."
    : `A claim cannot send tokens and refunds to the sale itself (${a[0]}), where they would be lost: give an address you control.`,
);

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

defineRevert("ModelTokenEmptySupply", ModelTokenEmptySupplyError, () => "A model token must mint a supply above zero.");
defineRevert(
  "ModelTokenSupplyTooLarge",
  ModelTokenSupplyTooLargeError,
  (a) =>
    `A supply of ${a[0]} token units is more than a model token can hold (at most ${a[1]}, about 79 billion whole tokens).`,
);
defineRevert(
  "ModelTokenAlreadyInitialized",
  ModelTokenAlreadyInitializedError,
  () =>
    "The model token is initialised already (or is the implementation that tokens are cloned from, which never is).",
);
defineRevert(
  "ERC20InsufficientBalance",
  ERC20InsufficientBalanceError,
  (a) => `${a[0]} holds ${a[1]} token units but ${a[2]} are needed.`,
);
defineRevert(
  "ERC20InsufficientAllowance",
  ERC20InsufficientAllowanceError,
  (a) => `${a[0]} may spend ${a[1]} token units but needs ${a[2]}: approve more first.`,
);
defineRevert("ERC20InvalidApprover", ERC20InvalidApproverError, (a) => `${a[0]} cannot approve spending of tokens.`);
defineRevert("ERC20InvalidReceiver", ERC20InvalidReceiverError, (a) => `${a[0]} cannot receive tokens.`);
defineRevert("ERC20InvalidSender", ERC20InvalidSenderError, (a) => `${a[0]} cannot send tokens.`);
defineRevert("ERC20InvalidSpender", ERC20InvalidSpenderError, (a) => `${a[0]} cannot be allowed to spend tokens.`);
defineRevert(
  "ERC20ExceededSafeSupply",
  ERC20ExceededSafeSupplyError,
  (a) => `A supply of ${a[0]} is more than votes can count (at most ${a[1]}).`,
);
defineRevert(
  "ERC2612ExpiredSignature",
  ERC2612ExpiredSignatureError,
  (a) => `The permit expired at ${isoTime(a[0])}; sign a new one.`,
);
defineRevert(
  "ERC2612InvalidSigner",
  ERC2612InvalidSignerError,
  (a) => `The permit is signed by ${a[0]}, not by the owner of the tokens, ${a[1]}.`,
);
defineRevert(
  "ERC5805FutureLookup",
  ERC5805FutureLookupError,
  (a) => `Votes at ${isoTime(a[0])} cannot be known yet: the token's clock is at ${isoTime(a[1])}.`,
);
defineRevert(
  "VotesExpiredSignature",
  VotesExpiredSignatureError,
  (a) => `The delegation signature expired at ${isoTime(a[0])}; sign a new one.`,
);
defineRevert(
  "InvalidAccountNonce",
  InvalidAccountNonceError,
  (a) => `The signature's nonce is not ${a[0]}'s current one (${a[1]}): it was used already, or signed out of order.`,
);
defineRevert("ECDSAInvalidSignature", ECDSAInvalidSignatureError, () => "The signature is not valid.");
defineRevert(
  "ECDSAInvalidSignatureLength",
  ECDSAInvalidSignatureLengthError,
  (a) => `The signature is ${a[0]} bytes long; 65 are expected.`,
);
defineRevert(
  "ECDSAInvalidSignatureS",
  ECDSAInvalidSignatureSError,
  (a) => `The signature's s value ${a[0]} is malleable (in the upper half of the curve order).`,
);
defineRevert(
  "CheckpointUnorderedInsertion",
  CheckpointUnorderedInsertionError,
  () => "A vote checkpoint was written out of order.",
);
defineRevert(
  "SafeCastOverflowedUintDowncast",
  SafeCastOverflowedUintDowncastError,
  (a) => `The number ${a[1]} does not fit in ${a[0]} bits.`,
);
defineRevert(
  "SafeERC20FailedOperation",
  SafeERC20FailedOperationError,
  (a) => `The token at ${a[0]} refused the transfer or approval.`,
);
defineRevert(
  "InsufficientBalance",
  InsufficientBalanceError,
  (a) => `The contract holds ${a[0]} wei but must send ${a[1]}.`,
);
defineRevert(
  "FailedCall",
  FailedCallError,
  () => "A call to another contract, or an ETH transfer, failed without a reason (a recipient that refuses ETH?).",
);
defineRevert(
  "ReentrancyGuardReentrantCall",
  ReentrancyGuardReentrantCallError,
  () => "The contract was called again while it was busy with a call (reentrancy).",
);
defineRevert(
  "InvalidInitialization",
  InvalidInitializationError,
  () => "The contract is initialised already (or is an implementation, which is never initialised).",
);
defineRevert(
  "NotInitializing",
  NotInitializingError,
  () => "This may only be called while the contract is being initialised.",
);

defineRevert(
  "InvalidCliffDuration",
  InvalidCliffDurationError,
  (a) => `A cliff of ${a[0]} seconds is longer than the vesting duration of ${a[1]} seconds.`,
);
defineRevert(
  "OwnableUnauthorizedAccount",
  OwnableUnauthorizedAccountError,
  (a) => `${a[0]} is not the owner (for a vesting wallet: its beneficiary), so it may not do this.`,
);
defineRevert("OwnableInvalidOwner", OwnableInvalidOwnerError, (a) => `${a[0]} cannot be the owner.`);
