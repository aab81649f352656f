import { money, tokens } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { optionalAddress } from "../cli/parse.js";
import { command } from "../cli/run.js";

/**
 * `imo settle`, and `imo claim`, its alias: anyone's deposit settled to its depositor, or the caller's own sent
 * `--to` another address (the SDK refuses a keeper's `--to` and the addresses where the assets would be lost).
 */
export default command<"imo settle">(async (args, scope) => {
  const account = optionalAddress(args.account);
  const to = optionalAddress(args.to);
  const context = await scope.open();
  const { offering } = context.client;
  const { result, receipt } = await offering.settle({ model: args.slug, account, to });
  const sale = await offering.getOffering(args.slug);
  const whose = result.account === context.account ? "Your" : `${result.account}'s`;
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `${whose} deposit in ${args.slug}'s sale (${sale.status}) is settled: ${tokens(result.tokens, sale.tokenSymbol)} and ${money(result.refund, sale.payment)} refunded, sent to ${result.to}.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
