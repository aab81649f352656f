import { ContractRevertError, defineRevert, SdkError } from "../errors.js";
import { cidFromBytes } from "../ipfs/cid.js";

/** A CID the contract returned as bytes, as text (the bytes themselves when they are not a CID). */
function cidText(value: unknown): string {
  try {
    return cidFromBytes(value as string).toString();
  } catch {
    return String(value);
  }
}

// One class per custom error of Promotion (`IPromotion`), each with the sentence the SDK and the CLI show. Models
// and versions are named by id and index (the revert carries no slug); amounts are in the bounty token's units.

// ------------------------------------------------------------------------------------------- binding

/** `PromotionNotModelOwner`: someone other than the model's owner bound or revoked a binding. */
export class PromotionNotModelOwnerError extends ContractRevertError {}
/** `PromotionModelMismatch`: the subnet records another model than the one being bound. */
export class PromotionModelMismatchError extends ContractRevertError {}
/** `PromotionNotPublisher`: Promotion is not a publisher of the model. */
export class PromotionNotPublisherError extends ContractRevertError {}
/** `PromotionInvalidStreak`: a streak (K) outside 1 to the contract's maximum. */
export class PromotionInvalidStreakError extends ContractRevertError {}
/** `PromotionInvalidTagPrefix`: a tag prefix with a character a tag may not have, or too long. */
export class PromotionInvalidTagPrefixError extends ContractRevertError {}
/** `PromotionNoBountyToken`: a bounty without a bounty token. */
export class PromotionNoBountyTokenError extends ContractRevertError {}
/** `PromotionAlreadyBound`: the subnet is bound already. */
export class PromotionAlreadyBoundError extends ContractRevertError {}
/** `PromotionNotBound`: the subnet has no binding. */
export class PromotionNotBoundError extends ContractRevertError {}
/** `PromotionEscrowTooLarge`: an escrow past 2^128 - 1 tokens. */
export class PromotionEscrowTooLargeError extends ContractRevertError {}
/** `PromotionZeroAmount`: a zero amount. */
export class PromotionZeroAmountError extends ContractRevertError {}

// ------------------------------------------------------------------------------------------- promotion

/** `PromotionSubnetOwnerChanged`: the subnet changed hands since it was bound. */
export class PromotionSubnetOwnerChangedError extends ContractRevertError {}
/** `PromotionNoLeader`: no completed epoch had a leader. */
export class PromotionNoLeaderError extends ContractRevertError {}
/** `PromotionCandidateChanged`: the leader published another candidate after its streak was counted. */
export class PromotionCandidateChangedError extends ContractRevertError {}
/** `PromotionStreakTooShort`: the leader has not led enough epochs in a row. */
export class PromotionStreakTooShortError extends ContractRevertError {
  /** The epochs led in a row, and the epochs the binding needs. */
  get streak(): { led: bigint; required: bigint } {
    return { led: this.args[2] as bigint, required: this.args[3] as bigint };
  }
}
/** `PromotionAlreadyPromoted`: these weights are a version of the model already. */
export class PromotionAlreadyPromotedError extends ContractRevertError {}
/** `PromotionParentDeprecated`: the declared parent is deprecated. */
export class PromotionParentDeprecatedError extends ContractRevertError {}

// ------------------------------------------------------------------------------------------- miners

/** `PromotionNotRegistered`: the account is not a registered hotkey of the subnet. */
export class PromotionNotRegisteredError extends ContractRevertError {}
/** `PromotionNoCandidate`: the UID has no candidate. */
export class PromotionNoCandidateError extends ContractRevertError {}
/** `PromotionNothingToClaim`: no bounty of the token to claim. */
export class PromotionNothingToClaimError extends ContractRevertError {}
/** `PromotionInvalidRecipient`: bounties cannot be paid to the address. */
export class PromotionInvalidRecipientError extends ContractRevertError {}

// ------------------------------------------------------------------------------------ SDK-side failures

/** The deployment has no Promotion contract. */
export class PromotionNotDeployedError extends SdkError {}

/** A binding's parameters the SDK cannot read (a bounty token that is not an address, a bounty without one...). */
export class PromotionParameterError extends SdkError {}

// ------------------------------------------------------------------------------------------- sentences

defineRevert(
  "PromotionNotModelOwner",
  PromotionNotModelOwnerError,
  (a) =>
    `${a[1]} is not the owner of model #${a[0]}: only its owner (its DAO's timelock after an IMO) binds or revokes a subnet.`,
);
defineRevert(
  "PromotionModelMismatch",
  PromotionModelMismatchError,
  (a) => `Subnet ${a[0]} records model #${a[1]}, not model #${a[2]}: a subnet is bound only to the model it records.`,
);
defineRevert(
  "PromotionNotPublisher",
  PromotionNotPublisherError,
  (a) =>
    `Promotion is not a publisher of model #${a[0]}: its owner grants it first (npx hardhat model publisher <slug> <promotion address>).`,
);
defineRevert(
  "PromotionInvalidStreak",
  PromotionInvalidStreakError,
  (a) => `A streak of ${a[0]} epochs is outside the 1 to ${a[1]} a binding may require.`,
);
defineRevert(
  "PromotionInvalidTagPrefix",
  PromotionInvalidTagPrefixError,
  (a) =>
    `"${a[0]}" is not a tag prefix: at most 16 characters of a-z, A-Z, 0-9, '.', '-', '_' and '+', as a tag may have.`,
);
defineRevert(
  "PromotionNoBountyToken",
  PromotionNoBountyTokenError,
  () => "The binding has no bounty token: a bounty, and its escrow, need one.",
);
defineRevert(
  "PromotionAlreadyBound",
  PromotionAlreadyBoundError,
  (a) => `Subnet ${a[0]} is bound to model #${a[1]} already: revoke the binding first.`,
);
defineRevert("PromotionNotBound", PromotionNotBoundError, (a) => `Subnet ${a[0]} is not bound to a model.`);
defineRevert(
  "PromotionEscrowTooLarge",
  PromotionEscrowTooLargeError,
  (a) => `An escrow of ${a[0]} token units would be more than the 2^128 - 1 a binding holds.`,
);
defineRevert("PromotionZeroAmount", PromotionZeroAmountError, () => "The amount is zero: give more than nothing.");
defineRevert(
  "PromotionSubnetOwnerChanged",
  PromotionSubnetOwnerChangedError,
  (a) =>
    `Subnet ${a[0]} was bound while ${a[1]} owned it; ${a[2]} owns it now: nothing is promoted until the model's owner binds it again.`,
);
defineRevert(
  "PromotionNoLeader",
  PromotionNoLeaderError,
  (a) => `No completed epoch of subnet ${a[0]} had a leader: every incentive was zero, or no epoch has completed.`,
);
defineRevert(
  "PromotionCandidateChanged",
  PromotionCandidateChangedError,
  (a) =>
    `UID ${a[1]} of subnet ${a[0]} published a new candidate (block ${a[3]}) after its streak counted the one of block ${a[2]}: its streak starts again with the next epoch.`,
);
defineRevert(
  "PromotionStreakTooShort",
  PromotionStreakTooShortError,
  (a) =>
    `UID ${a[1]} of subnet ${a[0]} has led ${a[2]} of the ${a[3]} epochs in a row the binding needs with its candidate.`,
);
defineRevert(
  "PromotionAlreadyPromoted",
  PromotionAlreadyPromotedError,
  (a) => `These weights (${cidText(a[1])}) were promoted to model #${a[0]} already.`,
);
defineRevert(
  "PromotionParentDeprecated",
  PromotionParentDeprecatedError,
  (a) =>
    `The declared parent, version ${a[1]} of model #${a[0]}, is deprecated: the miner declares another (or withdraws it).`,
);
defineRevert(
  "PromotionNotRegistered",
  PromotionNotRegisteredError,
  (a) => `${a[1]} is not a registered hotkey of subnet ${a[0]}.`,
);
defineRevert(
  "PromotionNoCandidate",
  PromotionNoCandidateError,
  (a) =>
    `UID ${a[1]} of subnet ${a[0]} has no candidate: it publishes one first (npx hardhat subnet candidate publish).`,
);
defineRevert(
  "PromotionNothingToClaim",
  PromotionNothingToClaimError,
  (a) => `${a[0]} has no bounty in ${a[1]} to claim.`,
);
defineRevert(
  "PromotionInvalidRecipient",
  PromotionInvalidRecipientError,
  (a) => `Bounties cannot be paid to ${a[0]}: name another recipient.`,
);
