import { localTime } from "../cli/governance.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"gov queue">(async (args, scope) => {
  const context = await scope.open();
  const { result, receipt } = await context.client.governance.queueProposal({
    model: args.slug,
    proposal: args.proposal,
  });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Queued proposal ${result.proposal} of ${args.slug}: it is ${result.state} now.${result.eta ? ` It can be executed from ${localTime(result.eta)}: npx hardhat gov execute ${args.slug} ${result.proposal}` : ""}`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
