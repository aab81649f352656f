import type { CID } from "multiformats/cid";

import type { ProtocolContext } from "../context.js";
import type { EpochInput, EpochOutput } from "./epoch.js";

/** What the subnet actions work with: the deployment must record the subnets contract. */
export type SubnetContext = ProtocolContext;

/** A subnet named by its id. */
export type NetuidRef = bigint | number | string;

/** An ERC-20 of a subnet (its stake token or its reward token). */
export interface SubnetToken {
  address: string;
  symbol: string;
  decimals: number;
}

/**
 * A subnet's tunable parameters, named after subtensor's hyperparameters. Durations are in blocks; `kappa`,
 * `bondsPenalty` and `ownerCut` are u16 proportions (of 65535); `bondsMovingAverage` is scaled by 1e6; prices,
 * emission and the keeper's reward are in reward token units.
 */
export interface SubnetHyperparameters {
  tempo: number;
  maxUids: number;
  maxValidators: number;
  immunityPeriod: number;
  minNonImmuneUids: number;
  kappa: number;
  bondsMovingAverage: number;
  bondsPenalty: number;
  activityCutoff: number;
  weightsRateLimit: number;
  minAllowedWeights: number;
  /** Lowest version key weights are accepted with (0: any). */
  weightsVersionKey: bigint;
  commitReveal: boolean;
  revealPeriod: number;
  yuma3: boolean;
  /** Yuma3 bonds each move by their own alpha, in [alphaLow, alphaHigh] (u16 proportions, at least 1638). */
  liquidAlpha: boolean;
  alphaLow: number;
  alphaHigh: number;
  /** Steepness of liquid alpha's sigmoid, 0 to 32767. */
  alphaSigmoidSteepness: number;
  /** A candidate published at a UID drops the bonds validators hold on it. */
  bondsReset: boolean;
  ownerCut: number;
  minPrice: bigint;
  maxPrice: bigint;
  priceHalfLife: number;
  emission: bigint;
  keeperReward: bigint;
}

/** A subnet's description, stored on IPFS as JSON: what it improves and how miners are judged. Extra fields are kept. */
export interface SubnetCard {
  name: string;
  description?: string;
  /** Where to read the rules of the competition. */
  homepage?: string;
  [field: string]: unknown;
}

/** A subnet as {@link getSubnet} reads it. */
export interface SubnetView {
  netuid: bigint;
  owner: string;
  /** The owner's hotkey: when registered, its UID is immune and keeps a validator permit. */
  ownerHotkey: string;
  stakeToken: SubnetToken;
  rewardToken: SubnetToken;
  /** Stake token units per unit of stake weight. */
  stakeScale: bigint;
  /** The hyperparameters in force. */
  hyperparameters: SubnetHyperparameters;
  /** Hyperparameters the owner queued, and the epoch (counted as epochs start) from whose start they apply. */
  queuedHyperparameters?: { hyperparameters: SubnetHyperparameters; from: bigint };
  /** Registered UIDs (0 .. n - 1). */
  n: number;
  /** Completed epochs. */
  epochNumber: bigint;
  /** Block in which the last epoch started (0 before the first). */
  lastEpochBlock: bigint;
  /** The first block in which the next epoch may start. */
  nextEpochBlock: bigint;
  /** Whether an epoch is running (registration and weights wait until it completes). */
  epochRunning: boolean;
  /** Reward tokens held for future epochs. */
  rewardPool: bigint;
  /** What registering a UID costs now, in reward token units. */
  registrationPrice: bigint;
  /** The block all of this was read at. */
  block: bigint;
}

/** One UID of a subnet's metagraph, as `btcli subnet metagraph` shows it. Proportions are u16 (of 65535). */
export interface MetagraphNeuron {
  uid: number;
  hotkey: string;
  /** The account that controls the hotkey's UID and receives its take. */
  coldkey: string;
  /** Stake on the hotkey (its own and its nominators'), in stake token units. */
  stake: bigint;
  /** The stake the epoch counts: stake / stakeScale, capped. */
  stakeWeight: bigint;
  validatorPermit: boolean;
  trust: number;
  validatorTrust: number;
  consensus: number;
  incentive: number;
  dividends: number;
  rank: number;
  /** Reward token units paid to the UID by the last epoch. */
  emission: bigint;
  /** Reward token units credited to the UID's coldkey (incentive, validator take) and not yet claimed. */
  unclaimed: bigint;
  registeredAt: bigint;
  lastUpdate: bigint;
  /** Whether the UID is within its immunity period (it cannot be replaced by a new registration). */
  immune: boolean;
  /** Whether its weights count (set within the activity cutoff). */
  active: boolean;
}

/** A subnet's metagraph: {@link getMetagraph}. */
export interface MetagraphView {
  netuid: bigint;
  block: bigint;
  epochNumber: bigint;
  stakeToken: SubnetToken;
  rewardToken: SubnetToken;
  neurons: MetagraphNeuron[];
}

/** One UID's predicted outcome of the next epoch: {@link previewEpoch}. */
export interface EpochPreviewNeuron {
  uid: number;
  hotkey: string;
  consensus: number;
  incentive: number;
  dividends: number;
  validatorTrust: number;
  /** Reward token units: to the UID as a server (incentive) and as a validator (dividends). */
  serverEmission: bigint;
  validatorEmission: bigint;
  emission: bigint;
  validatorPermit: boolean;
}

/** The next epoch's outcome, as the off-chain reference computes it from the subnet's state. */
export interface EpochPreview {
  netuid: bigint;
  /** The block the state was read at; the preview is for an epoch started in the next block. */
  block: bigint;
  /** Emission the epoch distributes by Yuma consensus, after the owner's cut and the keeper's reward. */
  emission: bigint;
  /** The owner's cut of this epoch. */
  ownerCut: bigint;
  /** What the keeper that completes the epoch is paid of its emission. */
  keeperReward: bigint;
  neurons: EpochPreviewNeuron[];
  /** The leader the epoch would record (the highest incentive, the lower UID on ties); none when all are zero. */
  leader?: EpochPreviewLeader;
  /** What the reference was given and what it returned, for inspection. */
  input: EpochInput;
  output: EpochOutput;
}

/** The leader an epoch would record, and the streak it would reach (as `Subnets.leaderOf` would read after it). */
export interface EpochPreviewLeader {
  uid: number;
  hotkey: string;
  /** Its incentive, a u16 proportion (of 65535). */
  incentive: number;
  /**
   * Completed epochs in a row it would have led with its candidate: one more than now when it leads already with the
   * same candidate, else it starts again; an epoch counts only when the candidate was published before its tempo began
   * (the previous epoch's start).
   */
  streak: bigint;
  /** Whether this epoch counts for its candidate (published before the previous epoch's start block). */
  counts: boolean;
  /** `publishedAt` of its candidate (0 for none). */
  candidatePublishedAt: bigint;
}

/** A miner's candidate: weights on IPFS, their CID recorded on chain. */
export interface CandidateView {
  netuid: bigint;
  hotkey: string;
  uid?: number;
  cid: CID;
  /** Block of the last update, when the contract records it. */
  updatedAt?: bigint;
}

/** What {@link advanceEpoch} reports after each step. */
export interface EpochStepProgress {
  /** Steps sent so far (the start included). */
  step: number;
  /** Steps the epoch takes in all, when the contract says so; else an estimate. */
  total: number;
  gasUsed: bigint;
  transaction: string;
  done: boolean;
}
