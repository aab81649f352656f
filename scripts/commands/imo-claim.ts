import { isAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { money, tokens } from "../cli/amounts.js";
import { openContext } from "../cli/context.js";
import { CliError, fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  to: string;
  json: boolean;
}

export default async function imoClaim(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    if (!args.to) throw new CliError("Where should the tokens and refund go?", "Add --to <address>, or use imo settle to receive them yourself.");
    if (!isAddress(args.to)) throw new CliError(`"${args.to}" is not an address.`);
    const context = await openContext(hre, { ipfs: false });
    try {
      const { offering } = context.client;
      const { result, receipt } = await offering.settle({ model: args.slug, to: args.to });
      const sale = await offering.getOffering(args.slug);
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `Your deposit in ${args.slug}'s sale (${sale.status}) is settled: ${tokens(result.tokens, sale.tokenSymbol)} and ${money(result.refund, sale.payment)} refunded, sent to ${result.to}.`,
          fields([["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`]]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
