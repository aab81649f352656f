import { isAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { moneyList, tokens } from "../cli/amounts.js";
import { openContext } from "../cli/context.js";
import { CliError, fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  amount: string;
  to: string;
  json: boolean;
}

export default async function revenueRedeem(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    if (args.to && !isAddress(args.to)) throw new CliError(`"${args.to}" is not an address.`);
    const context = await openContext(hre, { ipfs: false });
    try {
      const { revenue } = context.client;
      const { result, receipt } = await revenue.redeemReserve({ model: args.slug, amount: args.amount, to: args.to || undefined });
      const { tokenSymbol } = await context.client.offering.getOffering(args.slug);
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `Burned ${tokens(result.burned, tokenSymbol)} for their share of ${args.slug}'s reserve: ${moneyList(result.paid)}, sent to ${result.to}.`,
          fields([
            ["Still yours", `what the burned tokens earned before stays claimable: npx hardhat revenue claim ${args.slug}`],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
