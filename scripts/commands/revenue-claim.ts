import { isAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { moneyList } from "../cli/amounts.js";
import { openContext } from "../cli/context.js";
import { CliError, fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  asset: string;
  to: string;
  for: string;
  json: boolean;
}

export default async function revenueClaim(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    if (args.to && !isAddress(args.to)) throw new CliError(`"${args.to}" is not an address.`);
    if (args.for && !isAddress(args.for)) throw new CliError(`"${args.for}" is not an address.`);
    if (args.for && args.to && args.for.toLowerCase() !== args.to.toLowerCase()) {
      throw new CliError(
        `Revenue claimed for ${args.for} is paid to ${args.for}, not to ${args.to}.`,
        "Leave out --to: only a holder may send its own revenue elsewhere.",
      );
    }
    const context = await openContext(hre, { ipfs: false });
    try {
      const { result, receipt } = await context.client.revenue.claimRevenue({
        model: args.slug,
        asset: args.asset || undefined,
        to: args.to || undefined,
        holder: args.for || undefined,
      });
      const whose = result.holder === context.account ? "Your" : `${result.holder}'s`;
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `${whose} revenue from ${args.slug}'s token is claimed: ${moneyList(result.claims)}, sent to ${result.to}.`,
          fields([["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`]]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
