import { money } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"imo pay-fee">(async (args, scope) => {
  const { offering } = (await scope.open()).client;
  const { result, receipt } = await offering.payFee({ model: args.slug });
  const sale = await offering.getOffering(args.slug);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Paid ${args.slug}'s protocol fee, ${money(result.amount, sale.payment)}, to ${result.recipient}.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
