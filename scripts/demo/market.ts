// Chapter 10: the market FL68's launch ended in. Its sale opened a Uniswap V2 pool at the sale price, and an investor
// sells into it.
import { formatEther, formatUnits } from "ethers";

import { createClient } from "../../sdk/src/index.js";
import { table } from "../cli/output.js";
import { type Demo, SLUG, section } from "./context.js";
import type { Sale } from "./offering.js";

const eth = (wei: bigint, digits = 8) => Number(formatEther(wei)).toFixed(digits);
const fl68 = (units: bigint) => Number(formatUnits(units, 18)).toFixed(2);

/**
 * 10. The sale's finalisation opened FL68's Uniswap V2 pool at the sale price, its shares locked for the treasury;
 * an investor sells part of its tokens into it, through the router, with a slippage bound.
 */
export async function tradeInThePool({ client, deployment, track }: Demo, { investors }: Sale): Promise<void> {
  section("10. The market: the sale opened FL68's pool at its price; an investor sells into it");
  const before = await client.market.show(SLUG);
  const lock = before.lock!;
  console.log(
    table(
      ["pool", "FL68 reserve", "ETH reserve", "price (ETH per FL68)", "sale price", "excluded from revenue"],
      [
        [
          before.pair,
          fl68(before.reserves.tokens),
          eth(before.reserves.quote, 4),
          eth(before.price!),
          eth(before.salePrice),
          before.excluded ? "yes" : "no",
        ],
      ],
    ),
  );
  console.log(
    table(
      ["LP lock", "shares", "share of the pool", "beneficiary (DAO treasury)", "locked until"],
      [
        [
          `#${lock.id}`,
          formatUnits(lock.amount, 18),
          `${(before.lockedShareBps / 100).toFixed(2)}%`,
          lock.beneficiary,
          lock.unlockAt.toISOString(),
        ],
      ],
    ),
  );

  const seller = investors[1];
  const sellerClient = createClient({ runner: seller, deployment });
  const balance = await (await client.offering.getPortfolio(seller.address)).entries.find(
    (entry) => entry.tokenSymbol === before.tokenSymbol,
  )!.balance;
  const amount = balance / 4n;
  const quote = await sellerClient.market.quoteSwap({ model: SLUG, side: "sell", amount, maxSlippageBps: 50 });
  const sold = track(
    "sell FL68 into the pool (investor)",
    await sellerClient.market.swap({ model: SLUG, side: "sell", amount }),
  );
  const after = await client.market.show(SLUG);
  console.log(
    table(
      ["", "FL68 reserve", "ETH reserve", "price (ETH per FL68)"],
      [
        [
          "before the sale into the pool",
          fl68(before.reserves.tokens),
          eth(before.reserves.quote, 4),
          eth(before.price!),
        ],
        ["after", fl68(after.reserves.tokens), eth(after.reserves.quote, 4), eth(after.price!)],
      ],
    ),
  );
  console.log(
    `Investor ${seller.address.slice(0, 10)} sold ${fl68(sold.amountIn)} of its ${fl68(balance)} FL68 for ` +
      `${eth(sold.amountOut)} ETH (quoted ${eth(quote.amountOut)}, at least ${eth(quote.amountOutMin)} with 0.5% slippage). ` +
      "The pool's tokens earn no revenue: it was excluded at its address before the pair existed.",
  );
}
