import { votes } from "../cli/governance.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { parseSupport } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"gov vote">(async (args, scope) => {
  const support = parseSupport(args.support);
  const context = await scope.open();
  const { result, receipt } = await context.client.governance.vote({
    model: args.slug,
    proposal: args.proposal,
    support,
    reason: args.reason || undefined,
  });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `You voted ${support} on proposal ${result.proposal} of ${args.slug} with ${votes(result.weight)} votes.`,
      fields([
        [
          "Tally",
          `${votes(result.votes.for)} for, ${votes(result.votes.against)} against, ${votes(result.votes.abstain)} abstain`,
        ],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});
