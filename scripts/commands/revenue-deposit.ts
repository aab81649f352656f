import { money, paidBy, when } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"revenue deposit">(async (args, scope) => {
  const context = await scope.open();
  const { revenue } = context.client;
  const { result, receipt } = await revenue.depositRevenue({
    model: args.slug,
    amount: args.amount,
    asset: args.asset || "ETH",
    permit: !args.approve,
  });
  const pay = (amount: bigint) => money(amount, result.asset);
  const shared = result.amount - result.reserved;
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Deposited ${pay(result.amount)} as revenue of ${args.slug}'s token, from ${context.account}.`,
      fields([
        [
          "Shared",
          result.stream
            ? `${pay(shared)}, streamed with what was still streaming until ${when(result.stream.end)}`
            : `${pay(shared)}, released at once`,
        ],
        ["Reserve", result.reserved > 0n ? `${pay(result.reserved)} set aside for burn-to-redeem` : undefined],
        ["Paid", paidBy[result.method]],
        ["Approval", result.approval ? result.approval.hash : undefined],
        transactionEntry(receipt),
      ]),
      `Holders claim their share with: npx hardhat revenue claim ${args.slug}`,
    ].join("\n"),
  );
});
