import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

export default command<"subnet weights reveal">(async (args, scope) => {
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { result, receipt, file } = await context.client.subnets.revealWeights({
    netuid: id,
    commitsFile: args.commitsFile || undefined,
  });
  print(args.json, { ...result, file, transaction: receipt.hash }, () =>
    [
      `Revealed the weights committed in epoch ${result.commitEpoch} on subnet ${id}: ${result.uids.map((u, i) => `${u}:${result.weights[i]}`).join(", ")}.`,
      fields([["Salt", `used and removed from ${file}`], transactionEntry(receipt)]),
    ].join("\n"),
  );
});
