import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { tokens } from "../cli/amounts.js";
import { openContext } from "../cli/context.js";
import { fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  include: boolean;
  json: boolean;
}

export default async function revenueExclude(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const { result, receipt } = await context.client.revenue.setOwnRevenueExclusion({ model: args.slug, excluded: !args.include });
      const { tokenSymbol } = await context.client.offering.getOffering(args.slug);
      const held = tokens(result.balance, tokenSymbol);
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          result.excluded
            ? `Your ${held} no longer earn ${args.slug}'s revenue: they left the eligible supply, and what they earned stays yours.`
            : `Your ${held} earn ${args.slug}'s revenue again, from now on.`,
          fields([
            ["Earning", `${tokens(result.eligibleSupply, tokenSymbol)} in all`],
            result.excluded
              ? ["Undo", `only you can: npx hardhat revenue exclude ${args.slug} --include`]
              : ["Claim", `what you earned before: npx hardhat revenue claim ${args.slug}`],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
