import { tokens } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"revenue exclude">(async (args, scope) => {
  // --include is the former name of --undo.
  const undo = args.undo || args.include;
  const context = await scope.open();
  const { result, receipt } = await context.client.revenue.setOwnRevenueExclusion({
    model: args.slug,
    excluded: !undo,
  });
  const { tokenSymbol } = await context.client.offering.getOffering(args.slug);
  const held = tokens(result.balance, tokenSymbol);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      result.excluded
        ? `Your ${held} no longer earn ${args.slug}'s revenue: they left the eligible supply, and what they earned stays yours.`
        : `Your ${held} earn ${args.slug}'s revenue again, from now on.`,
      fields([
        ["Earning", `${tokens(result.eligibleSupply, tokenSymbol)} in all`],
        result.excluded
          ? ["Undo", `only you can: npx hardhat revenue exclude ${args.slug} --undo`]
          : ["Claim", `what you earned before: npx hardhat revenue claim ${args.slug}`],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});
