import type { ProtocolContext } from "../context.js";
import type { NetuidRef, SubnetToken } from "../subnets/types.js";

/** What the emission actions work with: the deployment must record the network emission and the subnets contract. */
export type EmissionContext = ProtocolContext;

/** The protocol token, which the emission releases and whose delegated votes allocate it; or a subnet's reward token. */
export type EmissionToken = SubnetToken;

/**
 * The settings the protocol DAO governs (`NetworkEmission.setSettings`), within bounds the contract fixes: periods of
 * 1 hour to 90 days, a release of 0.01% to 10% of the reserve per period, a cap per subnet of 5% to 100% of a
 * release, a grace of at most 1,000,000 blocks, 1 to 64 validators.
 */
export interface EmissionSettings {
  /** Seconds a period lasts. */
  periodLength: number;
  /** The fraction of the reserve released in each period, in basis points. */
  rateBps: number;
  /** The most of a period's release one subnet may receive, in basis points. */
  capBps: number;
  /** Blocks a subnet may be late for its next epoch and still count as active. */
  graceBlocks: number;
  /** Validators with stake, besides the owner's hotkey, a subnet needs to count as active. */
  minValidators: number;
}

/** The settings in effect, and those queued with the period they apply from: {@link getEmissionSettings}. */
export interface EmissionSettingsView {
  current: EmissionSettings;
  /** Settings the DAO set, in effect from period `from`; none when nothing is queued. */
  queued?: { settings: EmissionSettings; from: bigint };
}

/** An emission period: its number (the first is 1), its start and its end (exclusive). */
export interface EmissionPeriod {
  number: bigint;
  start: Date;
  end: Date;
}

/** What the current period releases: {@link getEmissionRelease}. Amounts in the protocol token's units. */
export interface EmissionReleaseView {
  period: bigint;
  /** The period's release: before the period's first call opens it, what opening it now would release. */
  released: bigint;
  /** What of it went into subnets' reward pools so far. */
  distributed: bigint;
  /** What of it may still be distributed in this period (the rest returns to the reserve when it ends). */
  undistributed: bigint;
  /** The protocol tokens held for later periods: what the contract holds, less `undistributed`. */
  reserve: bigint;
  token: EmissionToken;
}

/** Why a subnet does or does not receive its share now, as `NetworkEmission.activity` tells it. */
export type EmissionActivity = "active" | "no-epoch" | "overdue" | "too-few-validators";

/** A subnet's standing for the emission: {@link getSubnetEmissionStatus}. */
export interface SubnetEmissionStatus {
  netuid: bigint;
  /** Whether the subnet rewards in the protocol token, and so may receive the emission. */
  eligible: boolean;
  rewardToken: EmissionToken;
  /** The protocol token, in which the emission is paid. */
  token: EmissionToken;
  activity: EmissionActivity;
  /** The activity in words, completing "Subnet 3 ...": "is active", "has completed no epoch", ... */
  reason: string;
}

/** One subnet's part of the emission: {@link getEmissionShares}. Amounts in the protocol token's units. */
export interface SubnetEmissionShare extends Omit<SubnetEmissionStatus, "token"> {
  /** Its weight (votes × basis points / 10,000) in the current period and from the next on. */
  weight: { current: bigint; next: bigint };
  /** Its weight as a fraction of all subnets' (0 to 1), in the current period and from the next on. */
  fraction: { current: number; next: number };
  /** Its share of the current period's release, capped at `capBps` of it. */
  share: bigint;
  /** Whether the cap cut its share this period. */
  capped: boolean;
  /** Its share of the next period's release if that period opened now (an estimate: votes and the reserve move). */
  nextShare: bigint;
  /** Whether its share of the current period went into its reward pool already. */
  distributed: boolean;
  /** What it received from the emission so far, over every period (from the contract's events). */
  emitted: bigint;
}

/** Every subnet's part of the emission, with the figures they are shares of: {@link getEmissionShares}. */
export interface EmissionSharesView {
  period: EmissionPeriod;
  token: EmissionToken;
  settings: EmissionSettingsView;
  /** The current period's release; before the period's first call opens it, what opening it now would release. */
  released: bigint;
  /** What the next period would release if it opened now: `rateBps` (in force then) of all the contract holds. */
  nextRelease: bigint;
  /** All subnets' weight in the current period and from the next on. */
  totalWeight: { current: bigint; next: bigint };
  subnets: SubnetEmissionShare[];
}

/** A subnet and the basis points of a voter's votes it receives. */
export interface EmissionAllocation {
  netuid: bigint;
  bps: number;
}

/** A voter's allocation: {@link getEmissionBallot}. */
export interface EmissionBallot {
  voter: string;
  /** The power its weight counts, as recorded by its last vote or refresh. */
  power: bigint;
  /** The period its last vote or refresh was made in (0: it never voted). */
  period: bigint;
  /** The period from which that vote or refresh weighs. */
  from: bigint;
  allocations: EmissionAllocation[];
  /** Its power as a vote or refresh would count it now. */
  powerNow: bigint;
  /** Whether a refresh would change its weight (it has an allocation, and `powerNow` differs from `power`). */
  stale: boolean;
}

/** A voter whose recorded power differs from its power now: a refresh changes its weight. */
export interface StaleEmissionVoter {
  voter: string;
  /** The power its weight counts. */
  recorded: bigint;
  /** Its power now. */
  now: bigint;
}

/**
 * A vote: the subnets with the basis points of the voter's votes each receives (at most 10,000 in all), as two
 * lists or as a list of pairs, in any order; an empty list withdraws the voter's votes.
 */
export type EmissionVoteParameters =
  | { netuids: readonly NetuidRef[]; bps: readonly number[] }
  | readonly { netuid: NetuidRef; bps: number }[];

/** What {@link voteEmission} recorded. */
export interface EmissionVoteResult {
  voter: string;
  /** The votes its allocation weighs with. */
  power: bigint;
  allocations: EmissionAllocation[];
  /** The period from which it weighs, and when that period starts. */
  from: bigint;
  fromStart: Date;
  /** The protocol token, whose votes these are. */
  token: EmissionToken;
}

/** What {@link refreshEmission} did. */
export interface EmissionRefreshResult {
  voter: string;
  /** Whether its weight changed (false: it has no allocation, or its power is the one recorded). */
  changed: boolean;
  oldPower: bigint;
  newPower: bigint;
  /** The period from which the new power weighs, and when that period starts. */
  from: bigint;
  fromStart: Date;
  /** The protocol token, whose votes these are. */
  token: EmissionToken;
}

/** Why a subnet was left out of a distribution. */
export type EmissionSkipReason = "no-share" | "distributed" | "inactive";

/** A subnet left out of a distribution, and why (in words, completing "Subnet 3 ..."). */
export interface SkippedEmissionSubnet {
  netuid: bigint;
  reason: EmissionSkipReason;
  /** Its share of the period (0 for `no-share`). */
  share: bigint;
  description: string;
}

/** What {@link distributeEmission} put into subnets' reward pools. */
export interface EmissionDistributionResult {
  period: bigint;
  distributed: { netuid: bigint; amount: bigint }[];
  total: bigint;
  /** The subnets considered and left out (only when no subnets were named). */
  skipped: SkippedEmissionSubnet[];
  token: EmissionToken;
}

/** Where and how the emission's events are read (what each subnet received so far, who voted). */
export interface EmissionScanOptions {
  /** The first block to read events from; the emission's deployment block by default. */
  fromBlock?: number;
  /** Blocks per `eth_getLogs` request (`LOG_SCAN_BLOCKS` by default): lower it for RPCs with tight limits. */
  blockRange?: number;
}
