import type { Fixed32 } from "./fixed.js";

// What one epoch of the reference takes and gives (see epoch.ts).

/** One sparse matrix entry: `[column uid, value]`. */
export type SparseEntry<T> = readonly [number, T];
/** Sparse matrix row. */
export type SparseRow<T> = ReadonlyArray<SparseEntry<T>>;
/** Sparse matrix, one row per uid. */
export type SparseMatrix<T> = ReadonlyArray<SparseRow<T>>;

/** Input of one epoch of one subnet. */
export interface EpochInput {
  /** Number of registered neurons (uids `0..n-1`). */
  readonly n: number;
  /** Raw stake per uid (integer units, alpha plus weighted TAO). */
  readonly stakes: ReadonlyArray<bigint>;
  /** Minimum raw stake a non-owner uid needs to count; defaults to 0. */
  readonly stakeThreshold?: bigint;
  /** Validator permits currently in storage (as left by the previous epoch). */
  readonly validatorPermits: ReadonlyArray<boolean>;
  /** Maximum number of validators, used for the new top-k permits. */
  readonly maxAllowedValidators: number;
  /** Uid of the subnet owner hotkey, if it is registered in the subnet. */
  readonly ownerUid?: number;
  /** Stored weights: per validator uid, sparse `[uid, u16]` entries. */
  readonly weights: SparseMatrix<number>;
  /**
   * Stored bonds: per validator uid, sparse `[uid, u16]` entries: column max-upscaled (classic) or each bond's
   * own proportion of 65535 (Yuma3), as the previous epoch of the same kind persisted them.
   */
  readonly bonds: SparseMatrix<number>;
  /** Block in which each uid last set weights. */
  readonly lastUpdate: ReadonlyArray<bigint>;
  /** Block in which each uid was most recently registered. */
  readonly blockAtRegistration: ReadonlyArray<bigint>;
  /** Current block number. */
  readonly currentBlock: bigint;
  /** Activity cutoff in blocks (default subtensor value is 5000). */
  readonly activityCutoff: bigint;
  /** Subnet tempo (blocks per epoch). */
  readonly tempo: bigint;
  /** Block of the last successful mechanism step; 0 when none was recorded. */
  readonly lastMechanismStepBlock: bigint;
  /** Kappa as u16 (e.g. 32767 for ~0.5). */
  readonly kappa: number;
  /** Bonds moving average, scaled by 1e6 (e.g. 900000 for 0.9). */
  readonly bondsMovingAverage: bigint;
  /** Bonds penalty as u16 (65535 clips bond weights fully at consensus). */
  readonly bondsPenalty: number;
  /** Emission distributed by this epoch (integer units). */
  readonly raoEmission: bigint;
  /**
   * Commit-reveal: per uid, the block of its earliest unexpired weight commit (undefined for none). When given,
   * weight `(i, j)` is masked where `commitBlocks[i] < blockAtRegistration[j]`, so that a commit cannot name a
   * uid registered after it.
   */
  readonly commitBlocks?: ReadonlyArray<bigint | undefined>;
  /**
   * Yuma3 bonds (default false): each bond is a proportion of its own moving towards the weight for bonds, and
   * dividends are weighed by active stake; one alpha = 1 - bondsMovingAverage / 1e6 unless `liquidAlpha` is given.
   */
  readonly yuma3?: boolean;
  /** Liquid alpha (Yuma3 only): each bond moves by its own alpha, between `alphaLow` and `alphaHigh`. */
  readonly liquidAlpha?: LiquidAlpha;
}

/**
 * Liquid alpha, subtensor's `LiquidAlphaOn` with its `AlphaValues` and `AlphaSigmoidSteepness`: a bond moves fast
 * (towards `alphaHigh`) when its weight leads the consensus (buying) or falls behind the bond (selling), slowly
 * (towards `alphaLow`) otherwise, along a sigmoid of the difference.
 */
export interface LiquidAlpha {
  /** Lowest alpha as a u16 proportion (subtensor default 45875, 0.7). */
  readonly alphaLow: number;
  /** Highest alpha as a u16 proportion (subtensor default 58982, 0.9). */
  readonly alphaHigh: number;
  /** Sigmoid steepness, 0 to 32767 (subtensor default 1000). */
  readonly steepness: number;
}

/** Output of one epoch; fixed-point vectors are raw `I32F32`. */
export interface EpochOutput {
  /** Normalised stake actually used (`I32F32`). */
  readonly stake: Fixed32[];
  /** Stake of permitted, active validators, normalised (`I32F32`). */
  readonly activeStake: Fixed32[];
  /** Validator permits computed for the next epoch. */
  readonly newValidatorPermits: boolean[];
  /** Ranks, normalised (`I32F32`). */
  readonly ranks: Fixed32[];
  /** Incentive (equal to normalised ranks) (`I32F32`). */
  readonly incentive: Fixed32[];
  /**
   * Trust: clipped rank over unclipped rank per column (`I32F32`). Current
   * subtensor no longer stores this vector; it is derived here from the same
   * rank products for inspection only and is not covered by golden vectors.
   */
  readonly trust: Fixed32[];
  /** Consensus: stake-weighted median weight per column (`I32F32`). */
  readonly consensus: Fixed32[];
  /** Validator trust: row sums of clipped weights (`I32F32`). */
  readonly validatorTrust: Fixed32[];
  /** Dividends, normalised (`I32F32`). */
  readonly dividends: Fixed32[];
  /**
   * Bonds to persist: u16 (classic: column max-upscaled; Yuma3: the EMA bond itself); empty rows for
   * non-permitted uids.
   */
  readonly bonds: Array<Array<[number, number]>>;
  /** Emission to servers (incentive share). */
  readonly serverEmission: bigint[];
  /** Emission to validators (dividend share). */
  readonly validatorEmission: bigint[];
  /** Combined emission per uid, as stored in the `Emission` map. */
  readonly emission: bigint[];
  /** Consensus, incentive, dividends, validator trust as stored u16 proportions. */
  readonly stored: {
    readonly consensus: number[];
    readonly incentive: number[];
    readonly dividends: number[];
    readonly validatorTrust: number[];
  };
}
