import {
  add,
  alphaSigmoid,
  divFixed,
  floorDiv,
  fromInt,
  I32F32_FRAC_BITS,
  I32F32_MAX,
  I32F32_MIN,
  I32F32_ONE,
  I64F64_FRAC_BITS,
  mulFixed,
  sat32,
  sat64,
  sub,
  U16_MAX,
  type Fixed32,
} from "./fixed.js";
import {
  colMaxUpscale,
  colNormalize,
  matEma,
  matmulTranspose,
  normalize,
  rowHadamard,
  scalarVecMask,
  toFixedMatrix,
  type Matrix,
  type Row,
} from "./sparse.js";
import type { EpochInput, LiquidAlpha } from "./types.js";

// The reference epoch's bonds and dividends (see epoch.ts): classic EMA bonds, or Yuma3 bonds with or without
// liquid alpha, from the weights for bonds, the consensus, the incentive and the active stake.

/**
 * The bonds the epoch persists (before the u16 conversion) and the dividends they pay, from the weights for bonds
 * (the weights interpolated towards their clipped values by the bonds penalty).
 */
export function bondsAndDividends(
  input: EpochInput,
  weightsForBonds: Matrix,
  consensus: ReadonlyArray<Fixed32>,
  incentive: ReadonlyArray<Fixed32>,
  activeStake: ReadonlyArray<Fixed32>,
): { emaBonds: Matrix; dividends: Fixed32[] } {
  const n = input.n;
  const lastTempo =
    input.lastMechanismStepBlock === 0n
      ? input.currentBlock > input.tempo
        ? input.currentBlock - input.tempo
        : 0n
      : input.lastMechanismStepBlock + 1n;
  // alpha = 1 - I32F32(I64F64(bma) / I64F64(1e6))
  const bma64 = sat64(
    (sat64(input.bondsMovingAverage << I64F64_FRAC_BITS) << I64F64_FRAC_BITS) / (1_000_000n << I64F64_FRAC_BITS),
  );
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
    let bonds = toFixedMatrix(input.bonds, n).map((row) =>
      row.map(([j, v]): [number, Fixed32] => [j, divFixed(v, u16Max)]),
    );
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
  return { emaBonds, dividends };
}

/**
 * Yuma3's moving average with liquid alpha, as subtensor's sparse epoch computes it
 * (`compute_liquid_alpha_values_sparse` and `mat_ema_alpha_sparse`): each cell decayed by its own alpha and moved
 * towards its weight for bonds. Only the columns present in the row of weights for bonds come out: a bond on a
 * column the row does not name (or whose entry a mask, the clipping or the interpolation dropped) vanishes, while
 * a column named with an explicit zero keeps its bond, decayed. A cell that comes out zero is dropped.
 */
function liquidEma(
  weights: Matrix,
  bonds: Matrix,
  consensus: ReadonlyArray<Fixed32>,
  liquid: LiquidAlpha,
  n: number,
): Matrix {
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
