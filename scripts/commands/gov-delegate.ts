import { tokens } from "../cli/amounts.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { optionalAddress } from "../cli/parse.js";
import { command } from "../cli/run.js";

/** `gov delegate`, and `delegate`, its alias. */
export default command<"gov delegate">(async (args, scope) => {
  // The delegate given as a second argument is the former spelling of --to.
  if (args.to && args.delegatee && args.to.toLowerCase() !== args.delegatee.toLowerCase()) {
    throw new CliError(`Two delegates given: ${args.delegatee} and --to ${args.to}.`, "Name one, with --to.");
  }
  const to = optionalAddress(args.to || args.delegatee);
  const context = await scope.open();
  const { governance } = context.client;
  const { result, receipt } = await governance.delegateVotes({ model: args.slug, to });
  const { tokenSymbol } = await governance.getDao(args.slug);
  const who = result.delegate === result.account ? "You" : result.delegate;
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `${who} now ${who === "You" ? "vote" : "votes"} with your ${tokenSymbol} in ${args.slug}'s DAO: ${tokens(result.votes, tokenSymbol)} of votes.`,
      "Votes count on proposals made from now on.",
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
