import { tokens } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { optionalAddress } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"delegate">(async (args, scope) => {
  const to = optionalAddress(args.to);
  const context = await scope.open();
  const { governance } = context.client;
  const { result, receipt } = await governance.delegateVotes({ model: args.slug, to });
  const { tokenSymbol } = await governance.getDao(args.slug);
  const who = result.delegate === result.account ? "You" : result.delegate;
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `${who} now ${who === "You" ? "vote" : "votes"} with your ${tokenSymbol} in ${args.slug}'s DAO: ${tokens(result.votes, tokenSymbol)} of votes.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
