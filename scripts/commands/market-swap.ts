import { toBasisPoints, type SwapSide } from "../../sdk/src/index.js";
import { money } from "../cli/amounts.js";
import { percent } from "../cli/market.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"market swap">(async (args, scope) => {
  // Checked before anything touches the network, so a typo costs nothing.
  if (args.side !== "buy" && args.side !== "sell") {
    throw new CliError(
      `A swap is a buy or a sell, not "${args.side}".`,
      `npx hardhat market swap ${args.slug} buy 0.5`,
    );
  }
  const side: SwapSide = args.side;
  const maxSlippageBps = toBasisPoints(args.maxSlippage);
  if (Number.isNaN(maxSlippageBps) || maxSlippageBps > 10_000) {
    throw new CliError(
      `--max-slippage ${args.maxSlippage} is not a percentage from 0% to 100% (at most two decimals).`,
      "For example: --max-slippage 0.5%",
    );
  }
  const context = await scope.open();
  const { market } = context.client;
  const prepared = await market.prepareSwap({ model: args.slug, side, amount: args.amount, maxSlippageBps });
  const q = prepared.quote;
  if (!args.json) {
    console.log(
      `Quote: ${money(q.amountIn, q.assetIn)} for ${money(q.amountOut, q.assetOut)}; at least ${money(q.amountOutMin, q.assetOut)} with ${percent(q.maxSlippageBps)} slippage.`,
    );
  }
  const result = await market.swap({ model: args.slug, side, amount: args.amount, prepared });
  print(
    args.json,
    {
      side,
      amountIn: result.amountIn,
      amountOut: result.amountOut,
      amountOutMin: q.amountOutMin,
      quotedOut: q.amountOut,
      assetIn: q.assetIn,
      assetOut: q.assetOut,
      maxSlippageBps: q.maxSlippageBps,
      pair: q.pair,
      router: q.router,
      to: result.to,
      transaction: result.receipt.hash,
      approval: result.approval?.hash,
    },
    () =>
      [
        `${side === "buy" ? "Bought" : "Sold"} on ${args.slug}'s pool: paid ${money(result.amountIn, q.assetIn)}, received ${money(result.amountOut, q.assetOut)}.`,
        fields([
          ["Minimum out", money(q.amountOutMin, q.assetOut)],
          ["Received by", result.to],
          ["Approval", result.approval ? result.approval.hash : undefined],
          transactionEntry(result.receipt),
        ]),
      ].join("\n"),
  );
});
