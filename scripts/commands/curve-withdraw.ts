import { money } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"curve withdraw">(async (args, scope) => {
  const { client } = await scope.open();
  const { result, receipt } = await client.curve.withdraw({ model: args.slug, to: args.to || undefined });
  const { payment } = await client.curve.show(args.slug);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Withdrew ${money(result.amount, payment)} of refunds ${args.slug}'s curve had credited.`,
      fields([["To", result.to], transactionEntry(receipt)]),
    ].join("\n"),
  );
});
