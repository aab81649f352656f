import { parseWeights } from "../../sdk/src/index.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

export default command<"subnet weights set">(async (args, scope) => {
  const { uids, weights } = parseWeights(args.weights);
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { result, receipt } = await context.client.subnets.setWeights({
    netuid: id,
    uids,
    weights,
    versionKey: args.versionKey ? BigInt(args.versionKey) : undefined,
    keepZeros: args.keepZeros,
  });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Set weights on subnet ${id}: ${result.uids.map((u, i) => `${u}:${result.weights[i]}`).join(", ")}.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
