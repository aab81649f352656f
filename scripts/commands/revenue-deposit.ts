import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { money, paidBy, when } from "../cli/amounts.js";
import { openContext } from "../cli/context.js";
import { fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  amount: string;
  asset: string;
  approve: boolean;
  json: boolean;
}

export default async function revenueDeposit(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
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
            ["Shared", result.stream ? `${pay(shared)}, streamed with what was still streaming until ${when(result.stream.end)}` : `${pay(shared)}, released at once`],
            ["Reserve", result.reserved > 0n ? `${pay(result.reserved)} set aside for burn-to-redeem` : undefined],
            ["Paid", paidBy[result.method]],
            ["Approval", result.approval ? result.approval.hash : undefined],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
          `Holders claim their share with: npx hardhat revenue claim ${args.slug}`,
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
