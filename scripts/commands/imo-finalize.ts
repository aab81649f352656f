import { money, tokens } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

const meaning: Record<string, string> = {
  Failed: "It did not reach its soft cap: every deposit is refunded in full.",
  Succeeded: "Every deposit buys at the price.",
  Oversubscribed: "It passed its hard cap: every deposit is filled pro rata and the rest refunded.",
};

export default command<"imo finalize">(async (args, scope) => {
  const context = await scope.open();
  const { offering } = context.client;
  const { result, receipt } = await offering.finalize({ model: args.slug });
  const sale = await offering.getOffering(args.slug);
  const pay = (amount: bigint) => money(amount, sale.payment);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `${args.slug}'s sale is final: ${result.status}. ${meaning[result.status] ?? ""}`.trimEnd(),
      fields([
        ["Raised", pay(result.raised)],
        ["Kept", pay(result.accepted)],
        ["Sold", tokens(result.tokensSold, sale.tokenSymbol)],
        ["Protocol fee", pay(result.fee)],
        transactionEntry(receipt),
      ]),
      `Each depositor now settles: npx hardhat imo settle ${args.slug}`,
    ].join("\n"),
  );
});
