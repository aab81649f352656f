import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"gov execute">(async (args, scope) => {
  const context = await scope.open();
  const { result, receipt } = await context.client.governance.executeProposal({
    model: args.slug,
    proposal: args.proposal,
  });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Executed proposal ${result.proposal} of ${args.slug}: it is ${result.state} now.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
