// How the market and offering commands describe a model token's pool: its terms, reserves, the lock of its shares.
import type { MarketView, OfferingView, PaymentAsset } from "../../sdk/src/index.js";
import { fields } from "./output.js";

/** The amount formatters a description uses (../cli/amounts.ts). */
export interface Formatters {
  money(amount: bigint, asset: PaymentAsset): string;
  tokens(amount: bigint, symbol: string): string;
  when(date: Date): string;
}

/** A share in basis points as a percentage: 2000 -> "20%", 9999 -> "99.99%". */
export function percent(bps: number): string {
  return `${bps / 100}%`;
}

/** The pool's terms in words: reserve, share of the proceeds, lock. */
export function poolTerms(terms: MarketView["terms"], symbol: string, f: Formatters): string {
  const days = terms.lockDuration / 86_400;
  const lock = Number.isInteger(days) ? `${days} days` : `${terms.lockDuration} seconds`;
  return `${f.tokens(terms.reserve, symbol)} reserve with ${percent(terms.proceedsBps)} of the proceeds, shares locked ${lock} from the finalisation`;
}

/** `market show`'s fields. */
export function marketLines(m: MarketView, f: Formatters): string {
  const lock = m.lock
    ? `#${m.lock.id}: ${f.tokens(m.lock.amount, "LP")} for ${m.lock.beneficiary}, ${m.lock.released ? "released" : `until ${f.when(m.lock.unlockAt)}`}`
    : undefined;
  return fields([
    ["Pool", `${m.pair}${m.exists ? "" : " (not created yet)"}`],
    [
      "Pair",
      `${m.tokenSymbol} / ${m.quote.isEth ? `ETH (WETH ${m.quote.address})` : `${m.quote.symbol} ${m.quote.address}`}`,
    ],
    ["Price", m.price === undefined ? "none (the pool is empty)" : `${f.money(m.price, m.quote)} per ${m.tokenSymbol}`],
    m.kind === "curve"
      ? [
          "Curve price",
          `${f.money(m.salePrice, m.quote)} per ${m.tokenSymbol} (${m.status === "Graduated" ? "its final price" : "now"})`,
        ]
      : ["Sale price", `${f.money(m.salePrice, m.quote)} per ${m.tokenSymbol}`],
    ["Reserves", `${f.tokens(m.reserves.tokens, m.tokenSymbol)} and ${f.money(m.reserves.quote, m.quote)}`],
    [
      "Terms",
      m.kind === "curve"
        ? `the curve's whole reserve with the tokens left at its final price (${f.tokens(m.terms.reserve, m.tokenSymbol)} held beside them), shares locked ${Math.round(m.terms.lockDuration / 86_400)} days from graduation`
        : poolTerms(m.terms, m.tokenSymbol, f),
    ],
    ["LP lock", lock ?? (m.exists ? "none found" : undefined)],
    [
      "Locked share",
      m.lpSupply > 0n
        ? `${percent(m.lockedShareBps)} of ${f.tokens(m.lpSupply, "LP")} (Uniswap keeps the first 0.000000000000001 LP for good)`
        : undefined,
    ],
    [
      "Revenue",
      m.excluded
        ? "the pool is excluded (its tokens earn none)"
        : "the pool is NOT excluded: its tokens earn revenue nobody can claim",
    ],
    ["Not opened", m.notOpened ? (m.notOpened.message ?? `reverted with ${m.notOpened.reason}`) : undefined],
    [m.kind === "curve" ? "Curve" : "Sale", `${m.offering} (${m.status})`],
    ["Router", m.router],
  ]);
}

/** `imo show`'s pool section: the terms, and once final, whether the pool opened and its lock. */
export function offeringPoolLines(o: OfferingView, f: Formatters): string | undefined {
  const pool = o.pool;
  if (!pool) return undefined;
  const quote = { ...o.payment };
  let outcome: string | undefined;
  if (pool.opened) {
    outcome = `opened with ${f.tokens(pool.opened.tokens, o.tokenSymbol)} and ${f.money(pool.opened.quote, quote)}; ${f.tokens(pool.opened.liquidity, "LP")} (pool shares) locked as lock #${pool.opened.lockId} until ${f.when(pool.opened.unlockAt)}`;
  } else if (pool.notOpened) {
    outcome = `not opened (${pool.notOpened.message ?? pool.notOpened.reason}): the reserve and the share went to the treasury`;
  } else if (o.finalised) {
    outcome = "not opened: the sale sold nothing, so the reserve went to the treasury";
  }
  return [
    "Pool:",
    fields([
      ["Terms", poolTerms(pool.terms, o.tokenSymbol, f)],
      ["Opening price", `${f.money(o.price, quote)} per ${o.tokenSymbol} (the sale's)`],
      ["Address", `${pool.pair} (excluded from revenue from launch)`],
      ["Outcome", outcome ?? "opens when the sale is finalised successfully"],
      ["Liquidity lock", pool.lock],
    ]),
  ].join("\n");
}
