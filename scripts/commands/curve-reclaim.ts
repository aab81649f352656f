import { tokens } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"curve reclaim">(async (args, scope) => {
  const { client } = await scope.open();
  const { result, receipt } = await client.curve.reclaim({ model: args.slug });
  const { tokenSymbol } = await client.curve.show(args.slug);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Sent ${tokens(result.tokens, tokenSymbol)} from ${args.slug}'s curve to the DAO treasury; its reserve stays for buyers selling back.`,
      fields([["Treasury", result.treasury], transactionEntry(receipt)]),
    ].join("\n"),
  );
});
