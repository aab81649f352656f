import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

export default command<"subnet bounty fund">(async (args, scope) => {
  const id = netuid(args.netuid);
  const { client } = await scope.open();
  const { result, receipt } = await client.promotion.fund({ netuid: id, amount: args.amount });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `You added ${units(result.received, result.token)} to subnet ${id}'s bounty escrow: it holds ${units(result.escrow, result.token)}.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
