// How the curve commands describe a bonding curve: its progress to the target, its prices, its fees, its pool.
import { toBasisPoints, type CurveSide, type CurveSummary, type CurveView } from "../../sdk/src/index.js";
import { type Formatters, percent } from "./market.js";
import { CliError, fields } from "./output.js";

/** Progress to graduation in words: "42% of 5 ETH" (rounded down to the percent's hundredth). */
export function progress(c: CurveSummary | CurveView, f: Pick<Formatters, "money">): string {
  const target = "targetQuote" in c ? c.targetQuote : c.terms.targetQuote;
  return `${percent(c.progressBps)} of ${f.money(target, c.payment)}`;
}

/** What each status means for a holder, in a few words. */
export function statusInWords(c: CurveView): string {
  switch (c.status) {
    case "Trading":
      return "trading: buy and sell on the curve";
    case "Graduating":
      return "the target is reached: trading has stopped, anyone may graduate it into its pool (curve graduate)";
    case "Graduated":
      return c.pool.notOpened
        ? "graduated, but its pool could not be opened: the reserve and tokens went to the treasury"
        : "graduated: the model token trades in its pool (market show / market swap)";
    case "Refunding":
      return "past its deadline without reaching the target: buyers sell back what they bought without fee (curve sell)";
  }
}

/** `curve show`'s fields. */
export function curveLines(c: CurveView, f: Formatters): string {
  const t = c.terms;
  const price = (amount: bigint) => `${f.money(amount, c.payment)} per ${c.tokenSymbol}`;
  const opening =
    t.openingFeeBps > t.feeBps
      ? `, ${percent(t.openingFeeBps)} in the launch block falling over ${t.openingBlocks} block(s)`
      : "";
  const graduated = c.pool.graduated;
  return fields([
    ["Model", `${c.slug} (#${c.model})`],
    ["Token", `${c.tokenSymbol} ${c.token}`],
    ["Status", `${c.status}: ${statusInWords(c)}`],
    ["Price", price(c.price)],
    ["Opening price", price(c.openingPrice)],
    ["Final price", `${price(c.finalPrice)} (the pool opens at it)`],
    ["Reserve", `${f.money(c.reserve, c.payment)}${c.status === "Graduated" ? " (moved into the pool)" : ""}`],
    ["Progress", progress(c, f)],
    ["On the curve", `${f.tokens(c.tokensOnCurve, c.tokenSymbol)} of ${f.tokens(t.tokensForCurve, c.tokenSymbol)}`],
    ["Sold", f.tokens(c.tokensSold, c.tokenSymbol)],
    ["Fee now", `${percent(c.currentFeeBps)} (trading fee ${percent(t.feeBps)}${opening})`],
    [
      "Fees accrued",
      `${f.money(c.fees, c.payment)} for ${t.feesToHolders ? "the holders, as revenue" : "the treasury"}`,
    ],
    ["Refunds credited", c.credits > 0n ? f.money(c.credits, c.payment) : undefined],
    ["Deadline", `${f.when(c.deadline)} (past it without the target, buyers sell back without fee)`],
    ["Pool", `${c.pool.pair}${c.pool.exists ? "" : " (not created yet)"}, excluded from revenue from launch`],
    [
      "Graduation",
      graduated
        ? `${f.tokens(graduated.tokens, c.tokenSymbol)} and ${f.money(graduated.quote, c.payment)} entered the pool; ${f.tokens(graduated.liquidity, "LP")} locked as lock #${graduated.lockId} until ${f.when(graduated.unlockAt)}`
        : c.pool.notOpened
          ? `the pool could not be opened (${c.pool.notOpened.message ?? c.pool.notOpened.reason})`
          : undefined,
    ],
    ["Pool reserve", `${f.tokens(t.reserveTokens, c.tokenSymbol)} held beside the curve for the pool`],
    ["Lock", `${Math.round(t.lockDuration / 86_400)} days from graduation, for the treasury ${c.treasury}`],
    [
      "You",
      c.account
        ? `${c.account.address} bought ${f.tokens(c.account.bought, c.tokenSymbol)} (what it may sell back)${c.account.credit > 0n ? `, ${f.money(c.account.credit, c.payment)} credited (curve withdraw)` : ""}`
        : undefined,
    ],
    ["Curve", c.curve],
  ]);
}

/** A trade's side from the command line, or a sentence. */
export function sideOf(side: string, slug: string): CurveSide {
  if (side !== "buy" && side !== "sell") {
    throw new CliError(
      `A trade on a curve is a buy or a sell, not "${side}".`,
      `npx hardhat curve quote ${slug} buy 0.5`,
    );
  }
  return side;
}

/** `--max-slippage` in basis points, or a sentence. */
export function slippageOf(text: string): number {
  const bps = toBasisPoints(text);
  if (Number.isNaN(bps) || bps > 10_000) {
    throw new CliError(
      `--max-slippage ${text} is not a percentage from 0% to 100% (at most two decimals).`,
      "For example: --max-slippage 1%",
    );
  }
  return bps;
}
