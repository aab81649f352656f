import { moneyList, tokens } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { optionalAddress } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"revenue redeem">(async (args, scope) => {
  const to = optionalAddress(args.to);
  const context = await scope.open();
  const { revenue } = context.client;
  const { result, receipt } = await revenue.redeemReserve({ model: args.slug, amount: args.amount, to });
  const { tokenSymbol } = await context.client.offering.getOffering(args.slug);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Burned ${tokens(result.burned, tokenSymbol)} for their share of ${args.slug}'s reserve: ${moneyList(result.paid)}, sent to ${result.to}.`,
      fields([
        ["Still yours", `what the burned tokens earned before stays claimable: npx hardhat revenue claim ${args.slug}`],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});
