import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"gov cancel">(async (args, scope) => {
  const context = await scope.open();
  const { result, receipt } = await context.client.governance.cancelProposal({
    model: args.slug,
    proposal: args.proposal,
  });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Cancelled proposal ${result.proposal} of ${args.slug}: it is ${result.state} now.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
