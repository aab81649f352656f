import { loadAllowlist, type Allowlist } from "../../sdk/src/index.js";
import { money, paidBy, tokens } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"imo buy">(async (args, scope) => {
  // Read before connecting, so that a wrong path fails at once.
  const allowlist: Allowlist | undefined = args.allowlist ? await loadAllowlist(args.allowlist) : undefined;
  const context = await scope.open();
  const { offering } = context.client;
  const { result, receipt } = await offering.buy({
    model: args.slug,
    amount: args.amount,
    allowlist,
    permit: !args.approve,
  });
  const { tokenSymbol } = await offering.getOffering(args.slug);
  const pay = (amount: bigint) => money(amount, result.payment);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Deposited ${pay(result.deposited)} in ${args.slug}'s sale from ${context.account}.`,
      fields([
        ["Your deposits", pay(result.total)],
        ["If it closed now", `${tokens(result.position.tokens, tokenSymbol)}, ${pay(result.position.refund)} refunded`],
        ["Paid", paidBy[result.method]],
        ["Approval", result.approval ? result.approval.hash : undefined],
        transactionEntry(receipt),
      ]),
      `Tokens and any refund come once the sale is over: npx hardhat imo settle ${args.slug}`,
    ].join("\n"),
  );
});
