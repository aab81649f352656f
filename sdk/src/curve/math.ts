// The bonding curve's arithmetic as the contract does it, on plain numbers: the tokens a reserve leaves on the curve,
// the price, the opening and final prices, the progress to the target. Shared by the curve's reads and the launch
// plan. Internal: not exported from the SDK.

/** One whole model token in its smallest units: prices are in quote units per whole token. */
export const ONE_TOKEN = 10n ** 18n;
export const BPS = 10_000;

/** What the arithmetic needs of a curve's terms: the virtual reserve `V`, the tokens for the curve `N`, the target. */
export interface CurveShape {
  virtualQuote: bigint;
  tokensForCurve: bigint;
  targetQuote: bigint;
}

/** `a · b / c`, rounded up. */
function mulDivUp(a: bigint, b: bigint, c: bigint): bigint {
  return (a * b + c - 1n) / c;
}

/** The tokens left on the curve at real reserve `reserve`: `ceil(V·N / (V + reserve))`, as the curve rounds. */
export function onCurveAt(terms: CurveShape, reserve: bigint): bigint {
  const v = terms.virtualQuote;
  return mulDivUp(v, terms.tokensForCurve, v + reserve);
}

/** The curve's price at reserve `reserve` with `onCurve` tokens left, `(V + reserve) / onCurve`, per whole token. */
export function priceAt(terms: CurveShape, reserve: bigint, onCurve: bigint): bigint {
  return onCurve === 0n ? 0n : ((terms.virtualQuote + reserve) * ONE_TOKEN) / onCurve;
}

/** The opening price `V / N` and the final price at the target, per whole token (rounded down). */
export function curvePrices(terms: CurveShape): { opening: bigint; final: bigint } {
  return {
    opening: priceAt(terms, 0n, terms.tokensForCurve),
    final: priceAt(terms, terms.targetQuote, onCurveAt(terms, terms.targetQuote)),
  };
}

/** The reserve as a share of the target, in basis points rounded down. */
export function progressOf(reserve: bigint, target: bigint): number {
  return target === 0n ? 0 : Number((reserve * BigInt(BPS)) / target);
}

/** The fee of a trade `elapsed` blocks after the launch: the opening fee falling linearly to the fee, rounded up. */
export function feeAtBlock(
  terms: { feeBps: number; openingFeeBps: number; openingBlocks: number },
  elapsed: number,
): number {
  if (elapsed >= terms.openingBlocks) return terms.feeBps;
  return terms.openingFeeBps - Math.floor(((terms.openingFeeBps - terms.feeBps) * elapsed) / terms.openingBlocks);
}
