// Fixed-point arithmetic of the reference epoch, as substrate-fixed computes it (see epoch.ts): `I32F32` and
// `I64F64` values carried as raw bigint bit patterns, saturating, multiplication flooring, division truncating.

/** Number of fractional bits of an `I32F32` value. */
export const I32F32_FRAC_BITS = 32n;
/** Raw representation of 1.0 as an `I32F32`. */
export const I32F32_ONE = 1n << I32F32_FRAC_BITS;
export const I64F64_FRAC_BITS = 64n;
export const I32F32_MAX = (1n << 63n) - 1n;
export const I32F32_MIN = -(1n << 63n);
export const I64F64_MAX = (1n << 127n) - 1n;
export const I64F64_MIN = -(1n << 127n);
export const U16_MAX = 65535n;

/** Raw `I32F32` bit pattern (value = raw / 2^32). */
export type Fixed32 = bigint;

export function sat32(x: bigint): bigint {
  return x > I32F32_MAX ? I32F32_MAX : x < I32F32_MIN ? I32F32_MIN : x;
}

export function sat64(x: bigint): bigint {
  return x > I64F64_MAX ? I64F64_MAX : x < I64F64_MIN ? I64F64_MIN : x;
}

/** Floor division of bigints (`>>` semantics for any divisor). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `I32F32` saturating add. */
export function add(a: Fixed32, b: Fixed32): Fixed32 {
  return sat32(a + b);
}

/** `I32F32` saturating subtract. */
export function sub(a: Fixed32, b: Fixed32): Fixed32 {
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
export function toUint(x: Fixed32, max: bigint): bigint {
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

export function sum(xs: ReadonlyArray<Fixed32>): Fixed32 {
  // Plain iterator sum, as `Iterator::sum` on fixed types.
  let s = 0n;
  for (const x of xs) s += x;
  return s;
}
