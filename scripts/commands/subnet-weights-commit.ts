import { parseWeights } from "../../sdk/src/index.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

export default command<"subnet weights commit">(async (args, scope) => {
  const { uids, weights } = parseWeights(args.weights);
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { result, receipt, file } = await context.client.subnets.commitWeights({
    netuid: id,
    uids,
    weights,
    versionKey: args.versionKey ? BigInt(args.versionKey) : undefined,
    keepZeros: args.keepZeros,
    commitsFile: args.commitsFile || undefined,
  });
  // The salt stays in the commits file: printed, it would reveal the weights before their time (logs, CI output).
  const { salt, ...shown } = result;
  print(
    args.json,
    { ...shown, salt: salt ? "kept in the commits file" : undefined, file, transaction: receipt.hash },
    () =>
      [
        `Committed weights over ${result.uids.length} UIDs on subnet ${id} in epoch ${result.commitEpoch}; they stay secret until the reveal.`,
        fields([
          ["Reveal", `when ${result.revealEpoch} epochs are complete (npx hardhat subnet weights reveal ${id})`],
          ["Salt kept in", file],
          ["Hash", result.hash],
          transactionEntry(receipt),
        ]),
      ].join("\n"),
  );
});
