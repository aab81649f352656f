import { ContractRevertError, defineRevert, SdkError } from "../errors.js";
import { formatDuration } from "../durations.js";
import { activityOf, describeEmissionActivity } from "./describe.js";

// One class per custom error of the network emission (`INetworkEmission`), each with the sentence the SDK and the
// CLI show. Weights are in basis points of a voter's votes, shown as percentages; periods are numbers; the token's
// supply is in its smallest units.

const percent = (bps: unknown): string => `${Number(bps) / 100}%`;

/** How {@link EmissionSettingOutOfBoundsError} names each setting and writes its values. */
const SETTINGS: Record<string, [string, (value: unknown) => string]> = {
  periodLength: ["A period length", (v) => formatDuration(Number(v))],
  rateBps: ["A release rate", percent],
  capBps: ["A cap per subnet", percent],
  graceBlocks: ["A grace", (v) => `${v} blocks`],
  minValidators: ["A minimum of validators", (v) => `${v}`],
};

// ------------------------------------------------------------------------------------------- deployment

/** `EmissionSupplyTooLarge`: the token's supply could exceed what a weight holds (2^96 - 1 units). */
export class EmissionSupplyTooLargeError extends ContractRevertError {}
/** `EmissionTokenClockNotTimestamp`: the token does not count votes by timestamp. */
export class EmissionTokenClockNotTimestampError extends ContractRevertError {}

// ------------------------------------------------------------------------------------------- settings

/** `EmissionOnlyTimelock`: someone other than the protocol timelock changed the settings. */
export class EmissionOnlyTimelockError extends ContractRevertError {}
/** `EmissionSettingOutOfBounds`: a setting outside the bounds the contract fixes. */
export class EmissionSettingOutOfBoundsError extends ContractRevertError {
  /** The setting's name, as `EmissionSettings` spells it ("rateBps"). */
  get setting(): string {
    return this.args[0] as string;
  }
}

// ------------------------------------------------------------------------------------------- votes

/** `EmissionLengthMismatch`: a vote's subnets and weights differ in number. */
export class EmissionLengthMismatchError extends ContractRevertError {}
/** `EmissionTooManySubnets`: a vote names more subnets than a voter may. */
export class EmissionTooManySubnetsError extends ContractRevertError {}
/** `EmissionSubnetsNotAscending`: a vote's subnets are not in ascending order, or one is named twice. */
export class EmissionSubnetsNotAscendingError extends ContractRevertError {}
/** `EmissionZeroWeight`: a vote gives a subnet no weight. */
export class EmissionZeroWeightError extends ContractRevertError {}
/** `EmissionWeightsExceedTotal`: a vote's weights add up to more than 100%. */
export class EmissionWeightsExceedTotalError extends ContractRevertError {}
/** `EmissionUnknownSubnet`: a vote names a subnet that does not exist. */
export class EmissionUnknownSubnetError extends ContractRevertError {}
/** `EmissionRewardTokenMismatch`: a vote names a subnet that rewards in another token than the protocol token. */
export class EmissionRewardTokenMismatchError extends ContractRevertError {}
/** `EmissionNoVotingPower`: a vote from an account without votes at the period's start. */
export class EmissionNoVotingPowerError extends ContractRevertError {
  /** The account refused. */
  get voter(): string {
    return this.args[0] as string;
  }
}

// ------------------------------------------------------------------------------------------- distribution

/** `EmissionAlreadyDistributed`: a subnet's share of the period went into its pool already. */
export class EmissionAlreadyDistributedError extends ContractRevertError {}
/** `EmissionNoShare`: a subnet has no share of the period. */
export class EmissionNoShareError extends ContractRevertError {}
/** `EmissionSubnetInactive`: a subnet is not active, so it receives nothing now. */
export class EmissionSubnetInactiveError extends ContractRevertError {}
/** `EmissionWeightTooLarge`: a vote or refresh would take a weight past what a tally holds (stale weights). */
export class EmissionWeightTooLargeError extends ContractRevertError {}

// ------------------------------------------------------------------------------------ SDK-side failures

/** The deployment has no network emission. */
export class EmissionNotDeployedError extends SdkError {}

/** A vote written wrongly: not `netuid:percent` pairs, or weights that are not whole basis points. */
export class EmissionVoteError extends SdkError {}

/** No subnet can receive the current period's emission now (each is distributed, inactive or without a share). */
export class EmissionNothingToDistributeError extends SdkError {}

// ------------------------------------------------------------------------------------------- sentences

defineRevert(
  "EmissionSupplyTooLarge",
  EmissionSupplyTooLargeError,
  (a) => `The token's supply of ${a[0]} units is more than the 2^96 - 1 units the emission's weights hold.`,
);
defineRevert(
  "EmissionTokenClockNotTimestamp",
  EmissionTokenClockNotTimestampError,
  () => "The token does not count votes by timestamp (ERC-6372 mode=timestamp), as the emission's periods need.",
);
defineRevert(
  "EmissionOnlyTimelock",
  EmissionOnlyTimelockError,
  (a) =>
    `${a[0]} is not the protocol timelock: only a proposal of the protocol DAO changes the emission's settings (npx hardhat gov propose protocol emission-settings).`,
);
defineRevert("EmissionSettingOutOfBounds", EmissionSettingOutOfBoundsError, (a) => {
  const [what, show] = SETTINGS[a[0] as string] ?? [`The setting ${a[0]}`, (v: unknown) => `${v}`];
  return `${what} of ${show(a[1])} is outside the ${show(a[2])} to ${show(a[3])} the emission allows.`;
});
defineRevert(
  "EmissionLengthMismatch",
  EmissionLengthMismatchError,
  (a) => `${a[0]} subnets were given with ${a[1]} weights: give one weight per subnet.`,
);
defineRevert(
  "EmissionTooManySubnets",
  EmissionTooManySubnetsError,
  (a) => `The vote names ${a[0]} subnets, more than the ${a[1]} one voter may name.`,
);
defineRevert(
  "EmissionSubnetsNotAscending",
  EmissionSubnetsNotAscendingError,
  (a) =>
    `The vote's subnets must be in ascending order, each named once: entry ${Number(a[0]) + 1} repeats or precedes the one before it.`,
);
defineRevert(
  "EmissionZeroWeight",
  EmissionZeroWeightError,
  (a) => `Subnet ${a[0]} is given no weight: leave it out of the vote instead.`,
);
defineRevert(
  "EmissionWeightsExceedTotal",
  EmissionWeightsExceedTotalError,
  (a) => `The vote's weights add up to ${percent(a[0])} (${a[0]} basis points), more than 100%.`,
);
defineRevert(
  "EmissionWeightTooLarge",
  EmissionWeightTooLargeError,
  (a) =>
    `The change would take a weight to ${a[0]}, more than the ${a[1]} the emission holds: refresh the voters whose votes moved on first (npx hardhat emission refresh --stale).`,
);
defineRevert("EmissionUnknownSubnet", EmissionUnknownSubnetError, (a) => `There is no subnet ${a[0]}.`);
defineRevert(
  "EmissionRewardTokenMismatch",
  EmissionRewardTokenMismatchError,
  (a) => `Subnet ${a[0]} rewards in ${a[1]}, not the protocol token: it cannot receive the network emission.`,
);
defineRevert(
  "EmissionNoVotingPower",
  EmissionNoVotingPowerError,
  (a) =>
    `${a[0]} had no delegated protocol token votes at the start of this period (or has none now): delegate them (npx hardhat gov delegate protocol) and vote once the next period has begun.`,
);
defineRevert(
  "EmissionAlreadyDistributed",
  EmissionAlreadyDistributedError,
  (a) => `Subnet ${a[0]}'s share of period ${a[1]} went into its reward pool already.`,
);
defineRevert(
  "EmissionNoShare",
  EmissionNoShareError,
  (a) =>
    `Subnet ${a[0]} has no share of period ${a[1]}: no votes weighed for it when the period began, or nothing was released.`,
);
defineRevert(
  "EmissionSubnetInactive",
  EmissionSubnetInactiveError,
  (a) =>
    `Subnet ${a[0]} ${describeEmissionActivity(activityOf(a[1]))}: it receives no emission while it is not active.`,
);
