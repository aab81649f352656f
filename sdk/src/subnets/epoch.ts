/**
 * Reference implementation of the Yuma consensus epoch (classic EMA bonds or
 * Yuma3 bonds, with or without liquid alpha) over integer fixed-point arithmetic.
 *
 * All fractional quantities are carried as raw bigint bit patterns:
 * - `I32F32`: value = raw / 2^32, saturating to the signed 64-bit range.
 * - `I64F64`: value = raw / 2^64, saturating to the signed 128-bit range.
 *
 * Multiplication floors, division truncates (both operands are non-negative
 * throughout the epoch, so truncation and flooring coincide), and narrowing
 * conversions drop the extra fractional bits.
 *
 * The steps follow subtensor's sparse production path
 * (`pallets/subtensor/src/epoch/run_epoch.rs`, `epoch_mechanism`) and the
 * helpers of `pallets/subtensor/src/epoch/math.rs`; stake normalisation follows
 * `get_stake_weights_for_network` with the TAO share taken as zero (callers pass
 * the already combined raw stake).
 *
 * @packageDocumentation
 */

/** Number of fractional bits of an `I32F32` value. */
export const I32F32_FRAC_BITS = 32n;
/** Raw representation of 1.0 as an `I32F32`. */
export const I32F32_ONE = 1n << I32F32_FRAC_BITS;
const I64F64_FRAC_BITS = 64n;
const I32F32_MAX = (1n << 63n) - 1n;
const I32F32_MIN = -(1n << 63n);
const I64F64_MAX = (1n << 127n) - 1n;
const I64F64_MIN = -(1n << 127n);
const U16_MAX = 65535n;

/** Raw `I32F32` bit pattern (value = raw / 2^32). */
export type Fixed32 = bigint;

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

// ---------------------------------------------------------------------------
// Fixed-point primitives
// ---------------------------------------------------------------------------

function sat32(x: bigint): bigint {
  return x > I32F32_MAX ? I32F32_MAX : x < I32F32_MIN ? I32F32_MIN : x;
}

function sat64(x: bigint): bigint {
  return x > I64F64_MAX ? I64F64_MAX : x < I64F64_MIN ? I64F64_MIN : x;
}

/** Floor division of bigints (`>>` semantics for any divisor). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** `I32F32` saturating add. */
function add(a: Fixed32, b: Fixed32): Fixed32 {
  return sat32(a + b);
}

/** `I32F32` saturating subtract. */
function sub(a: Fixed32, b: Fixed32): Fixed32 {
  return sat32(a - b);
}

/** `I32F32` saturating multiply, discarding extra fractional bits (floor). */
export function mulFixed(a: Fixed32, b: Fixed32): Fixed32 {
  return sat32((a * b) >> I32F32_FRAC_BITS);
}

/** `I32F32` division truncating toward zero; division by zero yields 0. */
export function divFixed(a: Fixed32, b: Fixed32): Fixed32 {
  if (b === 0n) return 0n;
  return sat32((a << I32F32_FRAC_BITS) / b);
}

/** `I32F32` from an integer. */
export function fromInt(x: bigint | number): Fixed32 {
  return sat32(BigInt(x) << I32F32_FRAC_BITS);
}

/** Integer part of a non-negative `I32F32`, saturating to `[0, max]`. */
function toUint(x: Fixed32, max: bigint): bigint {
  const v = x >> I32F32_FRAC_BITS;
  return v < 0n ? 0n : v > max ? max : v;
}

/** Proportion in `[0, 1]` as u16: `floor(x * 65535)`. */
export function fixedProportionToU16(x: Fixed32): number {
  return Number(toUint(mulFixed(x, fromInt(U16_MAX)), U16_MAX));
}

/** e as substrate-fixed's `I9F23` constant, widened to `I32F32` (what its `exp` returns for exactly 1). */
const E_I32F32 = (0xadf85458a2bb4a9aafdc5620273d3cf1n >> 103n) << 9n;
const EXP_LIMIT = 20n << I32F32_FRAC_BITS;

/**
 * substrate-fixed's `exp` in `I32F32`, behind subtensor's `exp_safe` (input clamped to [-20, 20]): the Taylor
 * series 1 + x + ... to the term of x^31, each term the previous one times |x| (floored) over i (truncated), and
 * the reciprocal for a negative input. Within the clamp no step overflows, so the error path never applies.
 */
export function expSafe(x: Fixed32): Fixed32 {
  if (x < -EXP_LIMIT) x = -EXP_LIMIT;
  else if (x > EXP_LIMIT) x = EXP_LIMIT;
  if (x === 0n) return I32F32_ONE;
  if (x === I32F32_ONE) return E_I32F32;
  const neg = x < 0n;
  const operand = neg ? -x : x;
  let result = operand + I32F32_ONE;
  let term = operand;
  for (let i = 2n; i < I32F32_FRAC_BITS; i++) {
    term = (term * operand) >> I32F32_FRAC_BITS;
    term /= i;
    result += term;
  }
  return neg ? (I32F32_ONE << I32F32_FRAC_BITS) / result : result;
}

/**
 * subtensor's `alpha_sigmoid`: the alpha of one bond from its column's consensus, its weight for bonds and its old
 * bond (all `I32F32`), with `low`, `high` and `steepness` as `I32F32` too.
 */
export function alphaSigmoid(
  consensus: Fixed32,
  weight: Fixed32,
  bond: Fixed32,
  low: Fixed32,
  high: Fixed32,
  steepness: Fixed32,
): Fixed32 {
  const clampUnit = (x: Fixed32): Fixed32 => (x > I32F32_ONE ? I32F32_ONE : x < 0n ? 0n : x);
  const diff = weight >= bond ? clampUnit(sub(weight, consensus)) : clampUnit(sub(bond, weight));
  const exponent = mulFixed(divFixed(steepness, fromInt(-100)), sub(diff, I32F32_ONE / 2n));
  const sigmoid = divFixed(I32F32_ONE, add(I32F32_ONE, expSafe(exponent)));
  const alpha = add(low, mulFixed(sigmoid, sub(high, low)));
  return alpha > high ? high : alpha < low ? low : alpha;
}

function sum(xs: ReadonlyArray<Fixed32>): Fixed32 {
  // Plain iterator sum, as `Iterator::sum` on fixed types.
  let s = 0n;
  for (const x of xs) s += x;
  return s;
}

// ---------------------------------------------------------------------------
// Vector / sparse-matrix helpers (mirroring subtensor's epoch/math.rs)
// ---------------------------------------------------------------------------

type Row = Array<[number, Fixed32]>;
type Matrix = Row[];

function normalize(x: Fixed32[]): void {
  const s = sum(x);
  if (s === 0n) return;
  for (let i = 0; i < x.length; i++) x[i] = divFixed(x[i], s);
}

function normalizeUsingSum(x: Fixed32[], s: Fixed32): void {
  if (s === 0n) return;
  for (let i = 0; i < x.length; i++) x[i] = divFixed(x[i], s);
}

function maskVector(mask: ReadonlyArray<boolean>, v: Fixed32[]): void {
  for (let i = 0; i < v.length; i++) if (mask[i] ?? true) v[i] = 0n;
}

function isTopKNonzero(v: ReadonlyArray<Fixed32>, k: number): boolean[] {
  const n = v.length;
  const result = v.map((x) => x !== 0n);
  if (n < k) return result;
  const idxs = [...Array(n).keys()];
  // Stable ascending sort by value (Array.prototype.sort is stable).
  idxs.sort((a, b) => (v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : 0));
  for (const idx of idxs.slice(0, Math.max(0, n - k))) result[idx] = false;
  return result;
}

function maskRows(mask: ReadonlyArray<boolean>, m: Matrix): Matrix {
  return m.map((row, i) => ((mask[i] ?? true) ? [] : row.slice()));
}

function maskDiag(m: Matrix, exceptIndex?: number): Matrix {
  return m.map((row, i) => row.filter(([j]) => j !== i || i === exceptIndex));
}

function vecMask(
  m: Matrix,
  first: ReadonlyArray<bigint>,
  second: ReadonlyArray<bigint>,
  fn: (a: bigint, b: bigint) => boolean,
): Matrix {
  return m.map((row, i) => row.filter(([j]) => !fn(first[i] ?? 0n, second[j] ?? 0n)));
}

function scalarVecMask(
  m: Matrix,
  scalar: bigint,
  v: ReadonlyArray<bigint>,
  fn: (a: bigint, b: bigint) => boolean,
): Matrix {
  return m.map((row) => row.filter(([j]) => !fn(scalar, v[j] ?? 0n)));
}

function rowNormalize(m: Matrix): void {
  for (const row of m) {
    const s = sum(row.map(([, v]) => v));
    if (s > 0n) for (const e of row) e[1] = divFixed(e[1], s);
  }
}

function colNormalize(m: Matrix, columns: number): void {
  const colSum: Fixed32[] = new Array<Fixed32>(columns).fill(0n);
  for (const row of m) for (const [j, v] of row) if (j < columns) colSum[j] = add(colSum[j], v);
  for (const row of m) {
    for (const e of row) {
      const d = colSum[e[0]] ?? 0n;
      if (d !== 0n) e[1] = divFixed(e[1], d);
    }
  }
}

function colMaxUpscale(m: Matrix, columns: number): void {
  const colMax: Fixed32[] = new Array<Fixed32>(columns).fill(0n);
  for (const row of m) for (const [j, v] of row) if (j < columns && colMax[j] < v) colMax[j] = v;
  for (const row of m) {
    for (const e of row) {
      const mx = colMax[e[0]] ?? 0n;
      if (mx !== 0n) e[1] = divFixed(e[1], mx);
    }
  }
}

/** Stake-weighted median of one column, by iterative partitioning. */
function weightedMedian(
  stake: ReadonlyArray<Fixed32>,
  score: ReadonlyArray<Fixed32>,
  partitionIdx: ReadonlyArray<number>,
  minority: Fixed32,
  partitionLo0: Fixed32,
  partitionHi0: Fixed32,
): Fixed32 {
  if (stake.length !== score.length) return 0n;
  let current = partitionIdx.slice();
  let lo = partitionLo0;
  let hi = partitionHi0;
  const limit = partitionIdx.length;
  for (let iter = 0; iter <= limit; iter++) {
    const n = current.length;
    if (n === 0) return 0n;
    if (n === 1) return score[current[0]] ?? 0n;
    const pivot = score[current[Math.floor(n / 2)]] ?? 0n;
    let loStake = 0n;
    let hiStake = 0n;
    const lower: number[] = [];
    const upper: number[] = [];
    for (const idx of current) {
      const s = score[idx] ?? 0n;
      if (s === pivot) continue;
      if (s < pivot) {
        loStake = add(loStake, stake[idx] ?? 0n);
        lower.push(idx);
      } else {
        hiStake = add(hiStake, stake[idx] ?? 0n);
        upper.push(idx);
      }
    }
    if (minority < add(lo, loStake) && lower.length > 0) {
      current = lower;
      hi = add(lo, loStake);
    } else if (sub(hi, hiStake) <= minority && upper.length > 0) {
      current = upper;
      lo = sub(hi, hiStake);
    } else {
      return pivot;
    }
  }
  return 0n;
}

function weightedMedianCol(
  stake: ReadonlyArray<Fixed32>,
  score: Matrix,
  columns: number,
  majority: Fixed32,
): Fixed32[] {
  const useStake = stake.filter((s) => s > 0n);
  normalize(useStake);
  const stakeSum = sum(useStake);
  const minority = sub(stakeSum, majority);
  const stakeIdx = [...Array(useStake.length).keys()];
  const useScore: Fixed32[][] = [];
  for (let c = 0; c < columns; c++) useScore.push(new Array<Fixed32>(useStake.length).fill(0n));
  let k = 0;
  for (let i = 0; i < Math.min(stake.length, score.length); i++) {
    if (stake[i] > 0n) {
      for (const [c, v] of score[i]) if (c < columns) useScore[c][k] = v;
      k++;
    }
  }
  return useScore.map((col) => weightedMedian(useStake, col, stakeIdx, minority, 0n, stakeSum));
}

function colClip(m: Matrix, threshold: ReadonlyArray<Fixed32>): Matrix {
  return m.map((row) => {
    const out: Row = [];
    for (const [j, v] of row) {
      const th = threshold[j] ?? 0n;
      if (th < v) {
        if (th > 0n) out.push([j, th]);
      } else {
        out.push([j, v]);
      }
    }
    return out;
  });
}

function rowSum(m: Matrix): Fixed32[] {
  return m.map((row) => sum(row.map(([, v]) => v)));
}

/** `r_j = Σ_i s_i · m_ij`. */
function matmul(m: Matrix, v: ReadonlyArray<Fixed32>, columns: number): Fixed32[] {
  const result: Fixed32[] = new Array<Fixed32>(columns).fill(0n);
  m.forEach((row, i) => {
    const scale = v[i] ?? 0n;
    for (const [j, val] of row) if (j < columns) result[j] = add(result[j], mulFixed(scale, val));
  });
  return result;
}

/** `d_i = Σ_j v_j · m_ij`. */
function matmulTranspose(m: Matrix, v: ReadonlyArray<Fixed32>): Fixed32[] {
  return m.map((row) => {
    let acc = 0n;
    for (const [j, val] of row) acc = add(acc, mulFixed(v[j] ?? 0n, val));
    return acc;
  });
}

function interpolate(m1: Matrix, m2: Matrix, columns: number, ratio: Fixed32): Matrix {
  if (ratio === 0n) return m1.map((r) => r.map(([j, v]): [number, Fixed32] => [j, v]));
  if (ratio === I32F32_ONE || m1.length !== m2.length) {
    return m2.map((r) => r.map(([j, v]): [number, Fixed32] => [j, v]));
  }
  return m1.map((r1, i) => {
    const a: Fixed32[] = new Array<Fixed32>(columns).fill(0n);
    const b: Fixed32[] = new Array<Fixed32>(columns).fill(0n);
    for (const [j, v] of r1) if (j < columns) a[j] = v;
    for (const [j, v] of m2[i]) if (j < columns) b[j] = v;
    const out: Row = [];
    for (let j = 0; j < columns; j++) {
      const x = add(a[j], mulFixed(ratio, sub(b[j], a[j])));
      if (x > 0n) out.push([j, x]);
    }
    return out;
  });
}

function rowHadamard(m: Matrix, v: ReadonlyArray<Fixed32>): Matrix {
  return m.map((row, i) => row.map(([j, val]): [number, Fixed32] => [j, mulFixed(val, v[i] ?? 0n)]));
}

function matEma(next: Matrix, prev: Matrix, alpha: Fixed32): Matrix {
  const n = next.length;
  const oneMinusAlpha = sub(I32F32_ONE, alpha);
  return next.map((row, i) => {
    const acc: Fixed32[] = new Array<Fixed32>(n).fill(0n);
    for (const [j, v] of row) if (j < n) acc[j] = add(acc[j], mulFixed(alpha, v));
    for (const [j, v] of prev[i] ?? []) if (j < n) acc[j] = add(acc[j], mulFixed(oneMinusAlpha, v));
    const out: Row = [];
    acc.forEach((v, j) => {
      if (v > 0n) out.push([j, v]);
    });
    return out;
  });
}

/**
 * Yuma3's moving average with liquid alpha, as subtensor's sparse epoch computes it
 * (`compute_liquid_alpha_values_sparse` and `mat_ema_alpha_sparse`): each cell decayed by its own alpha and moved
 * towards its weight for bonds. Only the columns present in the row of weights for bonds come out: a bond on a
 * column the row does not name (or whose entry a mask, the clipping or the interpolation dropped) vanishes, while
 * a column named with an explicit zero keeps its bond, decayed. A cell that comes out zero is dropped.
 */
function liquidEma(weights: Matrix, bonds: Matrix, consensus: ReadonlyArray<Fixed32>, liquid: LiquidAlpha, n: number): Matrix {
  const u16Max = fromInt(U16_MAX);
  const low = divFixed(fromInt(liquid.alphaLow), u16Max);
  const high = divFixed(fromInt(liquid.alphaHigh), u16Max);
  const steepness = fromInt(liquid.steepness);
  return weights.map((row, i) => {
    const b = new Array<Fixed32>(n).fill(0n);
    for (const [j, v] of bonds[i] ?? []) if (j < n) b[j] = v;
    const out: Row = [];
    for (const [j, w] of row) {
      if (j >= n) continue;
      const a = alphaSigmoid(consensus[j] ?? 0n, w, b[j], low, high, steepness);
      const grown = mulFixed(a, w);
      let v = add(mulFixed(sub(I32F32_ONE, a), b[j]), grown > 0n ? grown : 0n);
      if (v > I32F32_ONE) v = I32F32_ONE;
      if (v > 0n) out.push([j, v]);
    }
    return out;
  });
}

/**
 * A stored matrix in I32F32, each row in ascending column order. Entries are kept as given, zeros included: an
 * entry `[j, 0]` is a column named with a zero weight, which liquid alpha treats unlike an absent one. Ascending
 * order is what subtensor's `compute_liquid_alpha_values_sparse` assumes when it walks a row of weights and a row
 * of bonds side by side (a row stored in another order pairs some weights with the wrong alpha there).
 */
function toFixedMatrix(m: SparseMatrix<number>, n: number): Matrix {
  const out: Matrix = [];
  for (let i = 0; i < n; i++) {
    const row = (m[i] ?? []).filter(([j]) => j < n).map(([j, v]): [number, Fixed32] => [j, fromInt(v)]);
    out.push(row.sort((x, y) => x[0] - y[0]));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Epoch
// ---------------------------------------------------------------------------

/**
 * Runs one Yuma consensus epoch (classic or Yuma3 bonds) and returns every derived
 * vector plus the bonds and emission that subtensor would persist.
 *
 * Pure: no input is mutated.
 *
 * @param input - Subnet state at the start of the epoch.
 * @returns Consensus results, persisted bonds and per-uid emission.
 */
export function runEpoch(input: EpochInput): EpochOutput {
  const n = input.n;
  const owner = input.ownerUid;

  // Activity.
  const inactive = Array.from({ length: n }, (_, i) => (input.lastUpdate[i] ?? 0n) + input.activityCutoff < input.currentBlock);

  // Stake: I64F64 normalisation of filtered raw stake, then narrowed to I32F32.
  const threshold = input.stakeThreshold ?? 0n;
  const stake64 = Array.from({ length: n }, (_, i) => {
    const s = input.stakes[i] ?? 0n;
    if (owner !== i && s < threshold) return 0n;
    return sat64(s << I64F64_FRAC_BITS);
  });
  let total64 = 0n;
  for (const s of stake64) total64 += s;
  const stakeNorm64 = total64 === 0n ? stake64 : stake64.map((s) => sat64((s << I64F64_FRAC_BITS) / total64));
  const stake: Fixed32[] = stakeNorm64.map((s) => sat32(floorDiv(s, 1n << (I64F64_FRAC_BITS - I32F32_FRAC_BITS))));

  // Validator permits.
  const permits = Array.from({ length: n }, (_, i) => input.validatorPermits[i] ?? false);
  if (owner !== undefined && owner < n) permits[owner] = true;
  const forbids = permits.map((p) => !p);
  const newValidatorPermits = isTopKNonzero(stake, input.maxAllowedValidators);
  if (owner !== undefined && owner < n) newValidatorPermits[owner] = true;

  // Active stake.
  const activeStake = stake.slice();
  maskVector(inactive, activeStake);
  maskVector(forbids, activeStake);
  normalize(activeStake);

  // Weights.
  let weights = toFixedMatrix(input.weights, n);
  weights = maskRows(forbids, weights);
  weights = maskDiag(weights, owner);
  weights = vecMask(weights, input.lastUpdate, input.blockAtRegistration, (updated, registered) => updated <= registered);
  if (input.commitBlocks !== undefined) {
    const commits = input.commitBlocks;
    weights = weights.map((row, i) => {
      const committed = commits[i];
      return committed === undefined ? row : row.filter(([j]) => !(committed < (input.blockAtRegistration[j] ?? 0n)));
    });
  }
  rowNormalize(weights);

  // Consensus and validator trust.
  const kappa = divFixed(fromInt(input.kappa), fromInt(U16_MAX));
  const consensus = weightedMedianCol(activeStake, weights, n, kappa);
  const clipped = colClip(weights, consensus);
  const validatorTrust = rowSum(clipped);

  // Ranks, trust, incentive.
  const preRanks = matmul(weights, activeStake, n);
  const ranks = matmul(clipped, activeStake, n);
  const trust = ranks.map((r, j) => divFixed(r, preRanks[j]));
  normalize(ranks);
  const incentive = ranks.slice();

  // Bonds: classic EMA or Yuma3.
  const bondsPenalty = divFixed(fromInt(input.bondsPenalty), fromInt(U16_MAX));
  const weightsForBonds = interpolate(weights, clipped, n, bondsPenalty);

  const lastTempo =
    input.lastMechanismStepBlock === 0n
      ? (input.currentBlock > input.tempo ? input.currentBlock - input.tempo : 0n)
      : input.lastMechanismStepBlock + 1n;
  // alpha = 1 - I32F32(I64F64(bma) / I64F64(1e6))
  const bma64 = sat64((sat64(input.bondsMovingAverage << I64F64_FRAC_BITS) << I64F64_FRAC_BITS) / (1_000_000n << I64F64_FRAC_BITS));
  const alpha = sub(I32F32_ONE, sat32(floorDiv(bma64, 1n << (I64F64_FRAC_BITS - I32F32_FRAC_BITS))));

  let emaBonds: Matrix;
  let dividends: Fixed32[];
  if (input.yuma3) {
    // Yuma3 (subtensor's `Yuma3On` branch, liquid alpha off), per cell in I32F32 (x = integer / 2^32), every
    // product floor(a * b / 2^32) and every quotient trunc(a * 2^32 / b) as the fixed crate computes them:
    //   read:      b = trunc((u16 << 32) / 65535)                       (u16_proportion_to_fixed)
    //   mask:      b dropped when lastTempo <= blockAtRegistration[j]  (as classic)
    //   EMA:       e = sat(floor(alpha * w / 2^32) + floor((2^32 - alpha) * b / 2^32)), cells <= 0 dropped,
    //              w = the weight for bonds (no stake weighing, no column normalisation of w or b)
    //   column:    en = trunc(e * 2^32 / sum_i e_ij)                   (a copy; e itself is what persists)
    //   per row:   t_i = sum_j floor(en_ij * incentive_j / 2^32)
    //   stake:     d_i = floor(t_i * activeStake_i / 2^32), 0 if outside I32F32 (checked_mul)
    //   dividends: trunc(d_i * 2^32 / sum d)                           (inplace_normalize)
    //   persist:   u16 = min(65535, floor(floor(e * (65535 << 32) / 2^32) / 2^32)) (fixed_proportion_to_u16;
    //              no column max-upscale, unlike classic)
    // Liquid alpha (when some consensus is nonzero) gives each cell its own alpha a (see `alphaSigmoid`):
    //              e = min(1, floor((2^32 - a) * b / 2^32) + floor(a * w / 2^32)), over every cell of the row
    const u16Max = fromInt(U16_MAX);
    let bonds = toFixedMatrix(input.bonds, n).map((row) => row.map(([j, v]): [number, Fixed32] => [j, divFixed(v, u16Max)]));
    bonds = scalarVecMask(bonds, lastTempo, input.blockAtRegistration, (t, registered) => t <= registered);
    const liquid = input.liquidAlpha;
    emaBonds =
      liquid !== undefined && consensus.some((x) => x !== 0n)
        ? liquidEma(weightsForBonds, bonds, consensus, liquid, n)
        : matEma(weightsForBonds, bonds, alpha);
    const normalized = emaBonds.map((row) => row.map(([j, v]): [number, Fixed32] => [j, v]));
    colNormalize(normalized, n);
    // Each validator's bonds weighed by incentive, then by its active stake (a product that overflows is 0).
    const totals = normalized.map((row) => row.reduce((acc, [j, v]) => add(acc, mulFixed(v, incentive[j] ?? 0n)), 0n));
    dividends = totals.map((t, i) => {
      const x = (t * activeStake[i]) >> I32F32_FRAC_BITS;
      return x > I32F32_MAX || x < I32F32_MIN ? 0n : x;
    });
    normalize(dividends);
  } else {
    let bonds = toFixedMatrix(input.bonds, n);
    bonds = scalarVecMask(bonds, lastTempo, input.blockAtRegistration, (t, registered) => t <= registered);
    colNormalize(bonds, n);

    const bondsDelta = rowHadamard(weightsForBonds, activeStake);
    colNormalize(bondsDelta, n);

    emaBonds = matEma(bondsDelta, bonds, alpha);
    colNormalize(emaBonds, n);

    dividends = matmulTranspose(emaBonds, incentive);
    normalize(dividends);
    colMaxUpscale(emaBonds, n);
  }

  // Emission.
  const combined = incentive.map((x, i) => add(x, dividends[i]));
  const emissionSum = sum(combined);
  const normServer = incentive.slice();
  let normValidator = dividends.slice();
  let normCombined = combined.slice();
  normalizeUsingSum(normServer, emissionSum);
  normalizeUsingSum(normValidator, emissionSum);
  normalize(normCombined);
  if (emissionSum === 0n) {
    const fallback = activeStake.every((x) => x === 0n) ? stake : activeStake;
    normValidator = fallback.slice();
    normCombined = fallback.slice();
  }
  // x * rao, floored, in full precision: subtensor saturates at u64, which 18-decimal reward tokens would reach.
  const toRao = (x: Fixed32): bigint => {
    const v = (x * input.raoEmission) >> I32F32_FRAC_BITS;
    return v < 0n ? 0n : v;
  };

  const outBonds: Array<Array<[number, number]>> = emaBonds.map((row, i) =>
    newValidatorPermits[i] ? row.map(([j, v]): [number, number] => [j, fixedProportionToU16(v)]) : [],
  );

  return {
    stake,
    activeStake,
    newValidatorPermits,
    ranks,
    incentive,
    trust,
    consensus,
    validatorTrust,
    dividends,
    bonds: outBonds,
    serverEmission: normServer.map(toRao),
    validatorEmission: normValidator.map(toRao),
    emission: normCombined.map(toRao),
    stored: {
      consensus: consensus.map(fixedProportionToU16),
      incentive: incentive.map(fixedProportionToU16),
      dividends: dividends.map(fixedProportionToU16),
      validatorTrust: validatorTrust.map(fixedProportionToU16),
    },
  };
}
