import { ContractRevertError, defineRevert, SdkError } from "../errors.js";

// One class per custom error of the subnets contract (`ISubnets`) and of its epoch library (`YumaEpoch`), each
// with the sentence the SDK and the CLI show. Amounts are in the smallest units of the subnet's tokens (the
// reward token for prices, emission and claims, the stake token for stake); u16 proportions are shown as
// percentages; blocks and epochs are numbers.

const percent = (value: unknown): string => `${((Number(value) / 65_535) * 100).toFixed(2)}%`;

// ------------------------------------------------------------------------------------------- protocol

/** `SubnetCreationFeeTooHigh`: a creation fee above the protocol's maximum. */
export class SubnetCreationFeeTooHighError extends ContractRevertError {}
/** `SubnetWrongCreationFee`: the ETH sent is not the creation fee. */
export class SubnetWrongCreationFeeError extends ContractRevertError {}
/** `SubnetNoFees`: no creation fees to withdraw. */
export class SubnetNoFeesError extends ContractRevertError {}
/** `SubnetFeeTransferFailed`: the protocol owner refused the fees. */
export class SubnetFeeTransferFailedError extends ContractRevertError {}

// ------------------------------------------------------------------------------------------- subnets

/** `SubnetNotFound`: no subnet has this id. */
export class SubnetNotFoundError extends ContractRevertError {}
/** `SubnetNotOwner`: an owner-only call from someone else. */
export class SubnetNotOwnerError extends ContractRevertError {}
/** `SubnetNotPendingOwner`: accepting a subnet not offered to the caller. */
export class SubnetNotPendingOwnerError extends ContractRevertError {}
/** `SubnetInvalidToken`: a stake or reward token that is not a contract. */
export class SubnetInvalidTokenError extends ContractRevertError {}
/** `SubnetEpochRunning`: the call would change the inputs of the running epoch. */
export class SubnetEpochRunningError extends ContractRevertError {}

/** `SubnetEpochOverpaid`: an epoch's steps credited more than its emission (a defect; the step is undone). */
export class SubnetEpochOverpaidError extends ContractRevertError {}

/** `SubnetEpochNotDue`: no epoch runs and the next is not due yet. */
export class SubnetEpochNotDueError extends ContractRevertError {
  /** The first block in which the next epoch may start. */
  get dueBlock(): bigint {
    return this.args[1] as bigint;
  }
}

// ---------------------------------------------------------------------------------- hyperparameters

/** `SubnetTempoOutOfBounds`. */
export class SubnetTempoOutOfBoundsError extends ContractRevertError {}
/** `SubnetMaxUidsOutOfBounds`. */
export class SubnetMaxUidsOutOfBoundsError extends ContractRevertError {}
/** `SubnetMaxValidatorsOutOfBounds`. */
export class SubnetMaxValidatorsOutOfBoundsError extends ContractRevertError {}
/** `SubnetImmunityPeriodTooLong`. */
export class SubnetImmunityPeriodTooLongError extends ContractRevertError {}
/** `SubnetMinNonImmuneUidsTooHigh`. */
export class SubnetMinNonImmuneUidsTooHighError extends ContractRevertError {}
/** `SubnetBondsMovingAverageTooHigh`. */
export class SubnetBondsMovingAverageTooHighError extends ContractRevertError {}
/** `SubnetActivityCutoffTooShort`. */
export class SubnetActivityCutoffTooShortError extends ContractRevertError {}
/** `SubnetMinAllowedWeightsTooHigh`. */
export class SubnetMinAllowedWeightsTooHighError extends ContractRevertError {}
/** `SubnetRevealPeriodOutOfBounds`. */
export class SubnetRevealPeriodOutOfBoundsError extends ContractRevertError {}
/** `SubnetOwnerCutTooHigh`. */
export class SubnetOwnerCutTooHighError extends ContractRevertError {}
/** `SubnetPriceRangeInvalid`. */
export class SubnetPriceRangeInvalidError extends ContractRevertError {}
/** `SubnetPriceHalfLifeTooShort`. */
export class SubnetPriceHalfLifeTooShortError extends ContractRevertError {}
/** `SubnetWeightsVersionTooLow`. */
export class SubnetWeightsVersionTooLowError extends ContractRevertError {}
/** `SubnetAlphaBoundsInvalid`. */
export class SubnetAlphaBoundsInvalidError extends ContractRevertError {}
/** `SubnetAlphaSteepnessTooHigh`. */
export class SubnetAlphaSteepnessTooHighError extends ContractRevertError {}

// ---------------------------------------------------------------------------------------- registration

/** `SubnetInvalidHotkey`: the zero address as a hotkey. */
export class SubnetInvalidHotkeyError extends ContractRevertError {}
/** `SubnetNotHotkeyOrColdkey`: registering a hotkey one neither is nor owns. */
export class SubnetNotHotkeyOrColdkeyError extends ContractRevertError {}
/** `SubnetColdkeyMismatch`: the hotkey belongs to another coldkey on this subnet. */
export class SubnetColdkeyMismatchError extends ContractRevertError {}
/** `SubnetAlreadyRegistered`: the hotkey holds a UID already. */
export class SubnetAlreadyRegisteredError extends ContractRevertError {}
/** `SubnetPriceAboveMax`: the registration price rose above the most the caller accepts. */
export class SubnetPriceAboveMaxError extends ContractRevertError {}
/** `SubnetNoUidToPrune`: the subnet is full and no UID can be replaced. */
export class SubnetNoUidToPruneError extends ContractRevertError {}
/** `SubnetNotRegistered`: the hotkey holds no UID on the subnet. */
export class SubnetNotRegisteredError extends ContractRevertError {}
/** `SubnetUidOutOfRange`: no such UID. */
export class SubnetUidOutOfRangeError extends ContractRevertError {}

// --------------------------------------------------------------------------------------------- weights

/** `SubnetCommitRevealEnabled`: setting weights directly on a commit-reveal subnet. */
export class SubnetCommitRevealEnabledError extends ContractRevertError {}
/** `SubnetCommitRevealDisabled`: committing on a subnet that takes weights directly. */
export class SubnetCommitRevealDisabledError extends ContractRevertError {}
/** `SubnetWeightsRateLimited`: weights updated again too soon. */
export class SubnetWeightsRateLimitedError extends ContractRevertError {}
/** `SubnetNoCommit`: revealing without a pending commit. */
export class SubnetNoCommitError extends ContractRevertError {}
/** `SubnetRevealTooEarly`: revealing before the reveal epoch. */
export class SubnetRevealTooEarlyError extends ContractRevertError {}
/** `SubnetRevealExpired`: revealing after the reveal epoch. */
export class SubnetRevealExpiredError extends ContractRevertError {}
/** `SubnetRevealMismatch`: the revealed weights are not the committed ones. */
export class SubnetRevealMismatchError extends ContractRevertError {}
/** `SubnetWeightsLengthMismatch`. */
export class SubnetWeightsLengthMismatchError extends ContractRevertError {}
/** `SubnetWeightsDuplicateUid`. */
export class SubnetWeightsDuplicateUidError extends ContractRevertError {}
/** `SubnetTooFewWeights`. */
export class SubnetTooFewWeightsError extends ContractRevertError {}
/** `SubnetNoValidatorPermit`: weights on others from a UID without a validator permit. */
export class SubnetNoValidatorPermitError extends ContractRevertError {}

// --------------------------------------------------------------------------------- stake and rewards

/** `SubnetZeroAmount`. */
export class SubnetZeroAmountError extends ContractRevertError {}
/** `SubnetInsufficientStake`. */
export class SubnetInsufficientStakeError extends ContractRevertError {}
/** `SubnetStakeUnbonding`: withdrawing unstaked stake before the epoch from which it is free to leave. */
export class SubnetStakeUnbondingError extends ContractRevertError {}
/** `SubnetTakeTooHigh`. */
export class SubnetTakeTooHighError extends ContractRevertError {}
/** `SubnetNotColdkey`: changing a hotkey's take from another account than its coldkey. */
export class SubnetNotColdkeyError extends ContractRevertError {}
/** `SubnetNothingToClaim`. */
export class SubnetNothingToClaimError extends ContractRevertError {}
/** `SubnetNotUidColdkey`: claiming the rewards of a UID from another account than its coldkey. */
export class SubnetNotUidColdkeyError extends ContractRevertError {}
/** `SubnetInvalidRecipient`. */
export class SubnetInvalidRecipientError extends ContractRevertError {}

// ------------------------------------------------------------------------------------ the epoch library

/** `YumaEpochRunning`: starting an epoch while one runs. */
export class YumaEpochRunningError extends ContractRevertError {}
/** `YumaEpochNotRunning`: a step while no epoch runs. */
export class YumaEpochNotRunningError extends ContractRevertError {}

// ------------------------------------------------------------------------------------ SDK-side failures

/** The deployment has no subnets contract. */
export class SubnetsNotDeployedError extends SdkError {}

/** A weight reveal cannot be made: no salt kept for the commit, or the reveal window is not open. */
export class WeightRevealError extends SdkError {}

/** A hyperparameter given by name is unknown or has the wrong type. */
export class SubnetParameterError extends SdkError {}

// ------------------------------------------------------------------------------------------- sentences

defineRevert(
  "SubnetCreationFeeTooHigh",
  SubnetCreationFeeTooHighError,
  (a) => `A creation fee of ${a[0]} wei is above the ${a[1]} wei the protocol allows.`,
);
defineRevert(
  "SubnetWrongCreationFee",
  SubnetWrongCreationFeeError,
  (a) => `Creating a subnet costs exactly ${a[1]} wei, but ${a[0]} wei were sent.`,
);
defineRevert("SubnetNoFees", SubnetNoFeesError, () => "There are no creation fees to withdraw.");
defineRevert(
  "SubnetFeeTransferFailed",
  SubnetFeeTransferFailedError,
  (a) => `${a[0]} refused the ${a[1]} wei of creation fees sent to it.`,
);
defineRevert("SubnetNotFound", SubnetNotFoundError, (a) => `There is no subnet ${a[0]}.`);
defineRevert(
  "SubnetNotOwner",
  SubnetNotOwnerError,
  (a) => `${a[1]} is not the owner of subnet ${a[0]}: only its owner may do this.`,
);
defineRevert(
  "SubnetNotPendingOwner",
  SubnetNotPendingOwnerError,
  (a) => `Subnet ${a[0]} has not been offered to ${a[1]}.`,
);
defineRevert(
  "SubnetInvalidToken",
  SubnetInvalidTokenError,
  (a) => `${a[0]} cannot be a subnet's token: it is not a contract.`,
);
defineRevert(
  "SubnetEpochRunning",
  SubnetEpochRunningError,
  (a) =>
    `An epoch is running on subnet ${a[0]}: registrations, weights and hyperparameters wait until it completes (npx hardhat subnet epoch ${a[0]}).`,
);
defineRevert(
  "SubnetEpochOverpaid",
  SubnetEpochOverpaidError,
  (a) =>
    `The epoch of subnet ${a[0]} would have credited ${a[1]}, more than its emission of ${a[2]}: nothing was paid.`,
);
defineRevert(
  "SubnetEpochNotDue",
  SubnetEpochNotDueError,
  (a) => `The next epoch of subnet ${a[0]} is due only in block ${a[1]}.`,
);
defineRevert(
  "SubnetTempoOutOfBounds",
  SubnetTempoOutOfBoundsError,
  (a) => `A tempo of ${a[0]} blocks is outside the ${a[1]} to ${a[2]} blocks allowed.`,
);
defineRevert(
  "SubnetMaxUidsOutOfBounds",
  SubnetMaxUidsOutOfBoundsError,
  (a) => `A maximum of ${a[0]} UIDs is outside the ${a[1]} to ${a[2]} allowed (never fewer than the UIDs registered).`,
);
defineRevert(
  "SubnetMaxValidatorsOutOfBounds",
  SubnetMaxValidatorsOutOfBoundsError,
  (a) => `A maximum of ${a[0]} validators is outside the 1 to ${a[1]} allowed.`,
);
defineRevert(
  "SubnetImmunityPeriodTooLong",
  SubnetImmunityPeriodTooLongError,
  (a) => `An immunity period of ${a[0]} blocks is longer than the ${a[1]} allowed.`,
);
defineRevert(
  "SubnetMinNonImmuneUidsTooHigh",
  SubnetMinNonImmuneUidsTooHighError,
  (a) => `A minimum of ${a[0]} non-immune UIDs is more than the subnet's ${a[1]} UIDs.`,
);
defineRevert(
  "SubnetBondsMovingAverageTooHigh",
  SubnetBondsMovingAverageTooHighError,
  (a) => `A bonds moving average of ${a[0]} is above ${a[1]} (1000000 means 1).`,
);
defineRevert(
  "SubnetActivityCutoffTooShort",
  SubnetActivityCutoffTooShortError,
  (a) => `An activity cutoff of ${a[0]} blocks is shorter than the ${a[1]} blocks allowed.`,
);
defineRevert(
  "SubnetMinAllowedWeightsTooHigh",
  SubnetMinAllowedWeightsTooHighError,
  (a) => `A minimum of ${a[0]} weights is more than the subnet's ${a[1]} UIDs.`,
);
defineRevert(
  "SubnetRevealPeriodOutOfBounds",
  SubnetRevealPeriodOutOfBoundsError,
  (a) => `A reveal period of ${a[0]} epochs is outside the ${a[1]} to ${a[2]} allowed.`,
);
defineRevert(
  "SubnetOwnerCutTooHigh",
  SubnetOwnerCutTooHighError,
  (a) => `An owner's cut of ${a[0]} (${percent(a[0])}) is above the ${a[1]} (${percent(a[1])}) allowed.`,
);
defineRevert(
  "SubnetPriceRangeInvalid",
  SubnetPriceRangeInvalidError,
  (a) =>
    `The registration price range ${a[0]} to ${a[1]} is invalid: the floor must be at least 1 and at most the ceiling.`,
);
defineRevert(
  "SubnetPriceHalfLifeTooShort",
  SubnetPriceHalfLifeTooShortError,
  (a) => `A price half-life of ${a[0]} blocks is shorter than the ${a[1]} blocks allowed.`,
);
defineRevert(
  "SubnetWeightsVersionTooLow",
  SubnetWeightsVersionTooLowError,
  (a) =>
    `Weights of version ${a[0]} are refused: version ${a[1]} or later is required (the subnet's key, or for a reveal the key in force when its commit was made; update the validator).`,
);
defineRevert(
  "SubnetAlphaBoundsInvalid",
  SubnetAlphaBoundsInvalidError,
  (a) =>
    `Liquid alpha from ${a[0]} to ${a[1]} is invalid: the low bound must be at least ${a[2]} and at most the high bound.`,
);
defineRevert(
  "SubnetAlphaSteepnessTooHigh",
  SubnetAlphaSteepnessTooHighError,
  (a) => `A sigmoid steepness of ${a[0]} is above the ${a[1]} allowed.`,
);
defineRevert("SubnetInvalidHotkey", SubnetInvalidHotkeyError, (a) => `${a[0]} cannot be a hotkey.`);
defineRevert(
  "SubnetNotHotkeyOrColdkey",
  SubnetNotHotkeyOrColdkeyError,
  (a) =>
    `${a[0]} may not register ${a[1]}: only the hotkey itself, or its coldkey once it has registered here before, may.`,
);
defineRevert(
  "SubnetColdkeyMismatch",
  SubnetColdkeyMismatchError,
  (a) => `The hotkey ${a[0]} belongs to the coldkey ${a[2]} on this subnet, not to ${a[1]}.`,
);
defineRevert(
  "SubnetAlreadyRegistered",
  SubnetAlreadyRegisteredError,
  (a) => `${a[1]} already holds UID ${a[2]} on subnet ${a[0]}.`,
);
defineRevert(
  "SubnetPriceAboveMax",
  SubnetPriceAboveMaxError,
  (a) => `Registering costs ${a[0]} now, more than the ${a[1]} you accept: quote the price again, or accept more.`,
);
defineRevert(
  "SubnetNoUidToPrune",
  SubnetNoUidToPruneError,
  (a) => `Subnet ${a[0]} is full and none of its UIDs can be replaced.`,
);
defineRevert(
  "SubnetNotRegistered",
  SubnetNotRegisteredError,
  (a) => `${a[1]} holds no UID on subnet ${a[0]}: register it first (npx hardhat subnet register ${a[0]}).`,
);
defineRevert(
  "SubnetUidOutOfRange",
  SubnetUidOutOfRangeError,
  (a) => `There is no UID ${a[0]}: the subnet has ${a[1]} UIDs (0 to ${BigInt(a[1]) - 1n}).`,
);
defineRevert(
  "SubnetCommitRevealEnabled",
  SubnetCommitRevealEnabledError,
  (a) => `Subnet ${a[0]} takes weights by commit and reveal: commit them first (npx hardhat subnet weights commit).`,
);
defineRevert(
  "SubnetCommitRevealDisabled",
  SubnetCommitRevealDisabledError,
  (a) => `Subnet ${a[0]} takes weights directly, without commit and reveal.`,
);
defineRevert(
  "SubnetWeightsRateLimited",
  SubnetWeightsRateLimitedError,
  (a) => `UID ${a[0]} set weights too recently: it may update them again from block ${a[1]}.`,
);
defineRevert("SubnetNoCommit", SubnetNoCommitError, (a) => `UID ${a[0]} has no pending weight commit to reveal.`);
defineRevert(
  "SubnetRevealTooEarly",
  SubnetRevealTooEarlyError,
  (a) => `UID ${a[0]} reveals too early: ${a[1]} epochs are complete, and its commit is revealed once ${a[2]} are.`,
);
defineRevert(
  "SubnetRevealExpired",
  SubnetRevealExpiredError,
  (a) => `UID ${a[0]}'s commit has expired: it had to be revealed when ${a[2]} epochs were complete, and ${a[1]} are.`,
);
defineRevert(
  "SubnetRevealMismatch",
  SubnetRevealMismatchError,
  (a) =>
    `The revealed weights of UID ${a[0]} hash to ${a[1]}, not to the committed ${a[2]}: they, the salt or the version key differ.`,
);
defineRevert(
  "SubnetWeightsLengthMismatch",
  SubnetWeightsLengthMismatchError,
  (a) => `${a[0]} UIDs were given with ${a[1]} weights: give one weight per UID.`,
);
defineRevert(
  "SubnetWeightsDuplicateUid",
  SubnetWeightsDuplicateUidError,
  (a) => `UID ${a[0]} is weighted more than once.`,
);
defineRevert(
  "SubnetTooFewWeights",
  SubnetTooFewWeightsError,
  (a) => `The weights name ${a[0]} UIDs, fewer than the ${a[1]} the subnet requires.`,
);
defineRevert(
  "SubnetNoValidatorPermit",
  SubnetNoValidatorPermitError,
  (a) => `UID ${a[0]} has no validator permit: it may weigh only itself until an epoch gives it one (stake decides).`,
);
defineRevert("SubnetZeroAmount", SubnetZeroAmountError, () => "The amount must be more than zero.");
defineRevert(
  "SubnetInsufficientStake",
  SubnetInsufficientStakeError,
  (a) => `${a[1]} has ${a[2]} staked on ${a[0]}, less than the ${a[3]} asked for.`,
);
defineRevert("SubnetStakeUnbonding", SubnetStakeUnbondingError, (a) =>
  BigInt(a[2] as bigint) === 0n
    ? `${a[1]} has no unstaked stake on ${a[0]} to withdraw.`
    : `${a[1]}'s ${a[2]} unstaked from ${a[0]} is still unbonding: it can be withdrawn once epoch ${a[3]} has started.`,
);
defineRevert(
  "SubnetTakeTooHigh",
  SubnetTakeTooHighError,
  (a) => `A take of ${a[0]} (${percent(a[0])}) is above the ${a[1]} (${percent(a[1])}) allowed.`,
);
defineRevert(
  "SubnetNotColdkey",
  SubnetNotColdkeyError,
  (a) => `${a[1]} is not the coldkey of ${a[0]}: only its coldkey may set its take.`,
);
defineRevert("SubnetNothingToClaim", SubnetNothingToClaimError, (a) => `${a[0]} has nothing to claim.`);
defineRevert(
  "SubnetNotUidColdkey",
  SubnetNotUidColdkeyError,
  (a) => `${a[1]} is not the coldkey of UID ${a[0]}: only its coldkey claims its rewards.`,
);
defineRevert("SubnetInvalidRecipient", SubnetInvalidRecipientError, (a) => `Rewards cannot be paid to ${a[0]}.`);
defineRevert(
  "YumaEpochRunning",
  YumaEpochRunningError,
  (a) => `An epoch is running already (in pass ${a[0]} of 3): advance it instead of starting another.`,
);
defineRevert(
  "YumaEpochNotRunning",
  YumaEpochNotRunningError,
  () => "No epoch is running: there is no step to perform.",
);
