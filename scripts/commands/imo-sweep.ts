import { money, tokens } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"imo sweep">(async (args, scope) => {
  const context = await scope.open();
  const { offering } = context.client;
  const { result, receipt } = await offering.sweep({ model: args.slug });
  const sale = await offering.getOffering(args.slug);
  print(args.json, { ...result, treasury: sale.treasury, transaction: receipt.hash }, () =>
    [
      `Swept what rounding left in ${args.slug}'s sale to its treasury ${sale.treasury}: ${tokens(result.tokens, sale.tokenSymbol)} and ${money(result.payment, sale.payment)}.`,
      fields([
        [
          "Fee owed",
          sale.totals.feeOwed > 0n
            ? `${money(sale.totals.feeOwed, sale.payment)} (anyone may pay it out to ${sale.fee.recipient}: imo pay-fee ${args.slug})`
            : undefined,
        ],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});
