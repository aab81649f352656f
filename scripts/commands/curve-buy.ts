import { money } from "../cli/amounts.js";
import { slippageOf } from "../cli/curve.js";
import { percent } from "../cli/market.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"curve buy">(async (args, scope) => {
  // Checked before anything touches the network, so a typo costs nothing.
  const maxSlippageBps = slippageOf(args.maxSlippage);
  const { client } = await scope.open();
  const prepared = await client.curve.prepareBuy({ model: args.slug, amount: args.amount, maxSlippageBps });
  const q = prepared.quote;
  if (!args.json) {
    console.log(
      `Quote: ${money(q.amountIn, q.assetIn)} for ${money(q.amountOut, q.assetOut)} (fee ${money(q.fee, q.assetIn)}, ${percent(q.feeBps)}); at least ${money(q.amountOutMin, q.assetOut)} with ${percent(q.maxSlippageBps)} slippage.`,
    );
  }
  const result = await client.curve.buy({ model: args.slug, amount: args.amount, prepared });
  print(
    args.json,
    {
      amountIn: result.amountIn,
      amountOut: result.amountOut,
      fee: result.fee,
      refund: result.refund,
      reachedTarget: result.reachedTarget,
      amountOutMin: q.amountOutMin,
      assetIn: q.assetIn,
      assetOut: q.assetOut,
      curve: q.curve,
      transaction: result.receipt.hash,
      approval: result.approval?.hash,
    },
    () =>
      [
        `Bought ${money(result.amountOut, q.assetOut)} from ${args.slug}'s curve for ${money(result.amountIn, q.assetIn)}, fee included.`,
        fields([
          ["Fee", money(result.fee, q.assetIn)],
          ["Refunded", result.refund > 0n ? `${money(result.refund, q.assetIn)} (above the target)` : undefined],
          [
            "Target",
            result.reachedTarget
              ? `reached: trading has stopped; anyone may graduate it (npx hardhat curve graduate ${args.slug})`
              : undefined,
          ],
          ["Approval", result.approval?.hash],
          transactionEntry(result.receipt),
        ]),
      ].join("\n"),
  );
});
