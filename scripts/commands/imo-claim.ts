import { money, tokens } from "../cli/amounts.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { address } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"imo claim">(async (args, scope) => {
  if (!args.to) throw new CliError("Where should the tokens and refund go?", "Add --to <address>, or use imo settle to receive them yourself.");
  const to = address(args.to);
  const context = await scope.open();
  const { offering } = context.client;
  const { result, receipt } = await offering.settle({ model: args.slug, to });
  const sale = await offering.getOffering(args.slug);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Your deposit in ${args.slug}'s sale (${sale.status}) is settled: ${tokens(result.tokens, sale.tokenSymbol)} and ${money(result.refund, sale.payment)} refunded, sent to ${result.to}.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
