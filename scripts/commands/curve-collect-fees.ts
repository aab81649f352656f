import { money } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"curve collect-fees">(async (args, scope) => {
  const { client } = await scope.open();
  const { result, receipt } = await client.curve.collectFees({ model: args.slug });
  const { payment } = await client.curve.show(args.slug);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      result.asRevenue
        ? `Deposited ${money(result.amount, payment)} of ${args.slug}'s curve fees into its token as revenue for its holders.`
        : `Paid ${money(result.amount, payment)} of ${args.slug}'s curve fees to the DAO treasury.`,
      fields([["Recipient", result.recipient], transactionEntry(receipt)]),
    ].join("\n"),
  );
});
