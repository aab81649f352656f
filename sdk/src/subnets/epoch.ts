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

import { bondsAndDividends } from "./epoch/bonds.js";
import {
  add,
  divFixed,
  fixedProportionToU16,
  floorDiv,
  fromInt,
  I32F32_FRAC_BITS,
  I64F64_FRAC_BITS,
  sat32,
  sat64,
  sum,
  U16_MAX,
  type Fixed32,
} from "./epoch/fixed.js";
import {
  colClip,
  interpolate,
  isTopKNonzero,
  maskDiag,
  maskRows,
  maskVector,
  matmul,
  normalize,
  normalizeUsingSum,
  rowNormalize,
  rowSum,
  toFixedMatrix,
  vecMask,
  weightedMedianCol,
} from "./epoch/sparse.js";
import type { EpochInput, EpochOutput } from "./epoch/types.js";

// The reference epoch is split by stage: its fixed-point arithmetic (epoch/fixed.ts), its vector and sparse-matrix
// helpers (epoch/sparse.ts), its bonds and dividends (epoch/bonds.ts), and here the epoch itself, from stake and
// permits through weights, consensus and incentive to emission.

export {
  alphaSigmoid,
  divFixed,
  expSafe,
  fixedProportionToU16,
  fromInt,
  I32F32_FRAC_BITS,
  I32F32_ONE,
  mulFixed,
  type Fixed32,
} from "./epoch/fixed.js";
export type { EpochInput, EpochOutput, LiquidAlpha, SparseEntry, SparseMatrix, SparseRow } from "./epoch/types.js";

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
  const inactive = Array.from(
    { length: n },
    (_, i) => (input.lastUpdate[i] ?? 0n) + input.activityCutoff < input.currentBlock,
  );

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
  weights = vecMask(
    weights,
    input.lastUpdate,
    input.blockAtRegistration,
    (updated, registered) => updated <= registered,
  );
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

  const { emaBonds, dividends } = bondsAndDividends(input, weightsForBonds, consensus, incentive, activeStake);

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
