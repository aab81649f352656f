import { moneyList } from "../cli/amounts.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { optionalAddress } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"revenue claim">(async (args, scope) => {
  const to = optionalAddress(args.to);
  const holder = optionalAddress(args.for);
  if (holder && to && holder.toLowerCase() !== to.toLowerCase()) {
    throw new CliError(
      `Revenue claimed for ${holder} is paid to ${holder}, not to ${to}.`,
      "Leave out --to: only a holder may send its own revenue elsewhere.",
    );
  }
  const context = await scope.open();
  const { result, receipt } = await context.client.revenue.claimRevenue({
    model: args.slug,
    asset: args.asset || undefined,
    to,
    holder,
  });
  const whose = result.holder === context.account ? "Your" : `${result.holder}'s`;
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `${whose} revenue from ${args.slug}'s token is claimed: ${moneyList(result.claims)}, sent to ${result.to}.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
