// Chapter 11: face-landmark-68-tiny launches on a bonding curve. Investors buy along the curve (the first ones pay the
// falling opening fee), one sells part back, the last buy fills the target and is refunded the rest, a keeper
// graduates the curve into its Uniswap V2 pool at the curve's final price with the shares locked for the treasury, an
// investor buys in the pool, and the fees go to the holders as revenue. Every ETH and token balance is checked to the
// unit.
import path from "node:path";

import { formatEther, formatUnits } from "ethers";

import {
  createClient,
  type CurveTradeResult,
  type CurveView,
  ModelToken__factory,
  readLaunchConfig,
} from "../../sdk/src/index.js";
import { table } from "../cli/output.js";
import { type Demo, section } from "./context.js";

/** The model chapter 2 registered for the team, launched here on a curve. */
const TINY = "face-landmark-68-tiny";

const eth = (wei: bigint, digits = 6) => Number(formatEther(wei)).toFixed(digits);
const tokens = (units: bigint) => Number(formatUnits(units, 18)).toFixed(2);
const pct = (bps: number) => `${(bps / 100).toFixed(2)}%`;

/** Throws when `actual` is not `expected`: every balance the chapter prints balances to the unit. */
function balances(what: string, actual: bigint, expected: bigint): void {
  if (actual !== expected) throw new Error(`${what}: ${actual}, expected ${expected}.`);
}

/**
 * The fee rate of a trade mined in block `block`: the opening fee falling linearly to the trading fee over the opening
 * blocks, as the curve computes it (a view reads the latest block's rate; a trade pays its own block's).
 */
function feeInBlock({ terms }: CurveView, block: number): number {
  const elapsed = block - Number(terms.launchBlock);
  if (elapsed >= terms.openingBlocks) return terms.feeBps;
  return terms.openingFeeBps - Math.floor(((terms.openingFeeBps - terms.feeBps) * elapsed) / terms.openingBlocks);
}

/** One trade on the curve as the chapter tables it. */
interface Trade {
  who: string;
  side: "buy" | "sell";
  result: CurveTradeResult;
  before: CurveView;
  after: CurveView;
}

/** 11. A bonding-curve launch, from its file to a traded pool. */
export async function launchOnACurve(demo: Demo): Promise<void> {
  const { client, deployment, ethers, signers, track } = demo;
  section(
    "11. face-landmark-68-tiny launches on a bonding curve: investors buy, one sells, it graduates, the pool trades",
  );

  const { config } = await readLaunchConfig(path.resolve("deploy/launches/face-landmark-68-tiny.json"));
  const plan = await client.offering.planCurveLaunch({ config });
  for (const line of plan.summary.slice(1, 5)) console.log(`- ${line}`);
  const { result: launched } = track(
    "launch face-landmark-68-tiny on a bonding curve (team)",
    await client.offering.launchCurve({ config, plan }),
  );
  const token = ModelToken__factory.connect(launched.token, ethers.provider);

  // Four investors: three buy while the opening fee falls block by block, one sells a third back, the last fills
  // the target.
  const investors = signers.slice(11, 15);
  const as = (i: number) => createClient({ runner: investors[i], deployment });
  const trades: Trade[] = [];
  const trade = async (i: number, side: "buy" | "sell", amount: bigint | string): Promise<CurveTradeResult> => {
    const before = await client.curve.show(TINY);
    const result =
      side === "buy"
        ? track("buy on the curve (investor)", await as(i).curve.buy({ model: TINY, amount }))
        : track("sell back to the curve (investor)", await as(i).curve.sell({ model: TINY, amount }));
    trades.push({ who: `investor ${i + 1}`, side, result, before, after: await client.curve.show(TINY) });
    return result;
  };
  await trade(0, "buy", "1.2");
  const second = await trade(1, "buy", "1.5");
  await trade(2, "buy", "1");
  await trade(1, "sell", second.amountOut / 3n);
  const last = await trade(3, "buy", "3");
  if (!last.reachedTarget) throw new Error("The last buy should have filled the curve to its target.");

  console.log(
    table(
      ["trade", "ETH in / out", "fee", "FL68T", "refund", "price before", "price after", "reserve", "progress"],
      trades.map(({ who, side, result, before, after }) => [
        `${who} ${side === "buy" ? "buys" : "sells back"}`,
        side === "buy" ? eth(result.amountIn) : `-${eth(result.amountOut)}`,
        `${eth(result.fee)} (${pct(feeInBlock(after, result.receipt.blockNumber))})`,
        side === "buy" ? tokens(result.amountOut) : `-${tokens(result.amountIn)}`,
        result.refund ? eth(result.refund) : "-",
        eth(before.price, 10),
        eth(after.price, 10),
        eth(after.reserve),
        `${pct(after.progressBps)} of ${eth(after.terms.targetQuote, 0)} ETH`,
      ]),
    ),
  );

  // The reserve is what entered less what left; the fees accrued beside it; the curve holds both, to the wei.
  const full = await client.curve.show(TINY);
  const buys = trades.filter((t) => t.side === "buy").map((t) => t.result);
  const sells = trades.filter((t) => t.side === "sell").map((t) => t.result);
  const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
  const paid = sum(buys.map((b) => b.amountIn + b.refund));
  const refunded = sum(buys.map((b) => b.refund));
  const fees = sum([...buys, ...sells].map((t) => t.fee));
  const paidOut = sum(sells.map((s) => s.amountOut));
  for (const { result, after } of trades.filter((t) => t.side === "buy" && t.result.refund === 0n)) {
    // A buy's fee is its block's rate of what it paid, rounded up.
    const bps = BigInt(feeInBlock(after, result.receipt.blockNumber));
    balances("a buy's fee", result.fee, (result.amountIn * bps + 9_999n) / 10_000n);
  }
  balances("the reserve", full.reserve, paid - refunded - fees - paidOut);
  balances("the reserve at the target", full.reserve, full.terms.targetQuote);
  balances("the fees accrued", full.fees, fees);
  balances(
    "the curve's ETH",
    await ethers.provider.getBalance(launched.curve),
    full.reserve + full.fees + full.credits,
  );
  balances("the tokens sold", full.tokensSold, sum(buys.map((b) => b.amountOut)) - sum(sells.map((s) => s.amountIn)));
  for (const [i, investor] of investors.entries()) {
    const bought = (await client.curve.show(TINY, { account: investor.address })).account!.bought;
    balances(`investor ${i + 1}'s FL68T`, await token.balanceOf(investor.address), bought);
  }
  console.log(
    `Paid in ${eth(paid)} ETH, refunded ${eth(refunded)} above the target, fees ${eth(fees)}, paid out ${eth(paidOut)} ` +
      `to the seller: the reserve holds ${eth(full.reserve)} ETH, the target. Trading has stopped until someone graduates the curve.`,
  );

  // A keeper graduates it: the pool opens at the curve's final price, its shares locked for the treasury.
  const keeper = createClient({ runner: signers[9], deployment });
  const treasuryTokens = await token.balanceOf(launched.timelock);
  const treasuryEth = await ethers.provider.getBalance(launched.timelock);
  const { result: graduation } = track(
    "graduate the curve into its pool (keeper)",
    await keeper.curve.graduate({ model: TINY }),
  );
  const opened = graduation.graduated;
  if (!opened)
    throw new Error(`The pool did not open: ${graduation.notOpened?.message ?? graduation.notOpened?.reason}`);
  const pool = await client.market.show(TINY);
  const graduated = await client.curve.show(TINY);
  const lock = pool.lock!;
  console.log(
    table(
      [
        "pool at graduation",
        "FL68T in",
        "ETH in",
        "pool price (ETH per FL68T)",
        "curve's final price",
        "LP locked",
        "until",
        "for",
      ],
      [
        [
          pool.pair,
          tokens(opened.tokens),
          eth(opened.quote),
          eth(pool.price!, 10),
          eth(graduated.finalPrice, 10),
          `${formatUnits(lock.amount, 18)} (${pct(pool.lockedShareBps)})`,
          lock.unlockAt.toISOString(),
          `${lock.beneficiary} (treasury)`,
        ],
      ],
    ),
  );
  balances("the ETH in the pool", pool.reserves.quote, opened.quote);
  balances(
    "the reserve the pool did not use, at the treasury",
    (await ethers.provider.getBalance(launched.timelock)) - treasuryEth,
    full.reserve - opened.quote,
  );
  balances(
    "the tokens of the curve",
    opened.tokens + ((await token.balanceOf(launched.timelock)) - treasuryTokens),
    full.tokensOnCurve + full.terms.reserveTokens,
  );
  balances("the curve's FL68T", await token.balanceOf(launched.curve), 0n);
  balances(
    "the curve's ETH after graduation",
    await ethers.provider.getBalance(launched.curve),
    full.fees + full.credits,
  );

  // An investor buys in the pool, through the router; the fees go to the holders as revenue.
  const before = pool;
  const swapped = track(
    "buy FL68T in the graduated pool (investor)",
    await as(2).market.swap({ model: TINY, side: "buy", amount: "0.5" }),
  );
  const after = await client.market.show(TINY);
  console.log(
    table(
      ["pool", "FL68T reserve", "ETH reserve", "price (ETH per FL68T)"],
      [
        ["at graduation", tokens(before.reserves.tokens), eth(before.reserves.quote), eth(before.price!, 10)],
        [
          "after investor 3 buys with 0.5 ETH",
          tokens(after.reserves.tokens),
          eth(after.reserves.quote),
          eth(after.price!, 10),
        ],
      ],
    ),
  );
  balances("the pool's ETH after the swap", after.reserves.quote, before.reserves.quote + swapped.amountIn);
  balances("the pool's FL68T after the swap", after.reserves.tokens, before.reserves.tokens - swapped.amountOut);

  const tokenEth = await ethers.provider.getBalance(launched.token);
  const { result: collected } = track(
    "collect the curve's fees (keeper)",
    await keeper.curve.collectFees({ model: TINY }),
  );
  balances("the fees collected", collected.amount, full.fees);
  balances(
    "the token's ETH after the deposit",
    await ethers.provider.getBalance(launched.token),
    tokenEth + (collected.asRevenue ? collected.amount : 0n),
  );
  balances("the curve's ETH after the collection", await ethers.provider.getBalance(launched.curve), full.credits);
  console.log(
    table(
      ["fees", "ETH", "to"],
      [
        ["on buys (opening fee included)", eth(sum(buys.map((b) => b.fee))), ""],
        ["on the sale back", eth(sum(sells.map((s) => s.fee))), ""],
        [
          "collected",
          eth(collected.amount),
          collected.asRevenue ? "the FL68T holders, as revenue (streamed over a day)" : "the DAO treasury",
        ],
      ],
    ),
  );
  console.log(
    `The pool opened at the curve's final price with ${eth(opened.quote)} ETH and ${tokens(opened.tokens)} FL68T; ` +
      `${tokens(full.tokensOnCurve + full.terms.reserveTokens - opened.tokens)} FL68T the pool did not need went to the treasury. ` +
      "The pool was excluded from revenue at launch, before the pair existed.",
  );
}
