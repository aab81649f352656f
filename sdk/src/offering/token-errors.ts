import { isoTime } from "../durations.js";
import { ContractRevertError, defineRevert } from "../errors.js";

// One class per custom error of a model token (OpenZeppelin's ERC-20, permit, votes, signatures and
// initialisation errors included) and of the vesting wallets, each with the sentence the SDK and the CLI show.
// Amounts are in the token's smallest units (18 decimals); times are unix seconds and are shown as dates.

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

// ---------------------------------------------------------------------------------------- sentences

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
