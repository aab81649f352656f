import { money } from "../cli/amounts.js";
import { sideOf, slippageOf } from "../cli/curve.js";
import { percent } from "../cli/market.js";
import { fields, print } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"curve quote">(async (args, scope) => {
  // Checked before anything touches the network, so a typo costs nothing.
  const side = sideOf(args.side, args.slug);
  const maxSlippageBps = slippageOf(args.maxSlippage);
  const { client } = await scope.open();
  const q = await client.curve.quote({ model: args.slug, side, amount: args.amount, maxSlippageBps });
  const fee = side === "buy" ? q.assetIn : q.assetOut;
  print(args.json, q, () =>
    [
      q.amountOut === 0n
        ? `The curve would give nothing for ${money(q.amountIn, q.assetIn)} now.`
        : `${money(q.amountIn, q.assetIn)} would ${side === "buy" ? "buy" : "sell back for"} ${money(q.amountOut, q.assetOut)} now; at least ${money(q.amountOutMin, q.assetOut)} with ${percent(q.maxSlippageBps)} slippage.`,
      fields([
        ["Fee", `${money(q.fee, fee)} (${percent(q.feeBps)})`],
        ["Refunded", q.refund > 0n ? `${money(q.refund, q.assetIn)} (above the target)` : undefined],
        [
          "Price",
          `${money(q.priceBefore, fee)} before, ${money(q.priceAfter, fee)} after, per ${side === "buy" ? q.assetOut.symbol : q.assetIn.symbol}`,
        ],
        [
          "Target",
          q.reachesTarget ? "reached by this buy: trading stops, and anyone may graduate the curve" : undefined,
        ],
      ]),
    ].join("\n"),
  );
});
